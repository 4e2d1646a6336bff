/** `models search|get|show`: find Stable Diffusion models on Civitai and download them. */
export async function runModels(args: string[]): Promise<number> {
  process.stderr.write(`error: models ${args.join(" ")}: not implemented yet\n`);
  return 1;
}
