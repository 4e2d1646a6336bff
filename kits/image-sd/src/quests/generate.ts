/**
 * Quest: text to image.
 *
 *   npm run image -- generate "chinese dragon, cute, anime, spring festival --ar 3:4 --seed 42"
 *   npm run image -- generate "a lighthouse at dusk" --model hf:black-forest-labs/FLUX.1-schnell --n 4
 *
 * Each picture lands in ./output with the prompt, seed, size and model written inside the PNG
 * (the same "parameters" text Stable Diffusion WebUI writes) and in a .json file beside it.
 */
import { UsageError } from "@path/kit-cli";
import { generationHelp, generationSettings, parseImageArgs } from "../shared/image-args.js";
import { runGeneration } from "../shared/run-generation.js";

export const help = `Usage: npm run image -- generate "<prompt>" [options]

Makes pictures from a prompt and saves them in ./output (never overwriting a file).

Options:
${generationHelp}`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseImageArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const prompt = positionals.join(" ").trim();
  if (!prompt) throw new UsageError('give a prompt: npm run image -- generate "a red lantern"');
  return runGeneration({ ...generationSettings(values), prompt }, values);
}
