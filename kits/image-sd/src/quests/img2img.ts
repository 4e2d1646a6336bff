/**
 * Quest: image to image.
 *
 *   npm run image -- img2img sketch.png "watercolor, spring festival" --strength 0.6
 *
 * The init image steers the picture: strength 0 keeps it, 1 ignores it (diffusion models).
 * OpenAI's gpt-image-1 edits it instead and decides itself how much to keep.
 */
import { parseNumberFlag, UsageError } from "@path/kit-cli";
import { generationHelp, generationSettings, parseImageArgs } from "../shared/image-args.js";
import { runGeneration } from "../shared/run-generation.js";

export const help = `Usage: npm run image -- img2img <init-image> "<prompt>" [options]

Makes pictures from an init image (PNG, JPEG, WebP or GIF, up to 50 MB) and a prompt.

Options:
      --strength <0..1>         how far to move from the init image (default: the provider's)
${generationHelp}`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseImageArgs(argv, { strength: { type: "string" } });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [image, ...words] = positionals;
  const prompt = words.join(" ").trim();
  if (!image || !prompt) {
    throw new UsageError('give an init image and a prompt: img2img sketch.png "watercolor"');
  }
  return runGeneration(
    {
      ...generationSettings(values),
      prompt,
      image,
      strength: parseNumberFlag("strength", values.strength, 0, 1),
    },
    { ...values, initImage: image },
  );
}
