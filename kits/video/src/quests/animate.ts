/**
 * Quest: a picture to video (image-to-video).
 *
 *   npm run image -- generate "a small red dragon, watercolor"
 *   npm run video -- animate output/2026-12-04-a-small-red-dragon-1.png "the dragon flaps its wings and flies off"
 *
 * The picture is the first frame; the prompt says what happens (it may be left out). Core
 * checks the picture against the model's limits (size, ratio, bytes) before anything is paid.
 */
import { sniffMediaType } from "@path/core";
import { readInputFile, UsageError } from "@path/kit-cli";
import { runVideoJob } from "../shared/run-video-job.js";
import { parseVideoArgs, videoOptionsHelp } from "../shared/video-args.js";

export const help = `Usage: npm run video -- animate <image> ["<prompt>"] [options]

Makes a video that starts from a picture (PNG, JPEG or WebP — the image kit's pictures work as
they are) and saves it in ./output (never overwriting a file), with a .json beside it. The
prompt says what moves; without one the model decides.

Options:
${videoOptionsHelp}`;

export async function main(argv: string[]): Promise<number> {
  const args = parseVideoArgs(argv);
  if (args.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [image, ...words] = args.positionals;
  if (!image) {
    throw new UsageError(
      'give a picture to animate: npm run video -- animate output/dragon.png "the dragon flaps its wings"',
    );
  }
  const imageBytes = await readInputFile(image);
  if (!sniffMediaType(imageBytes)?.startsWith("image/")) {
    throw new UsageError(`${image} is not a picture (PNG, JPEG or WebP); animate starts from one`);
  }
  return runVideoJob(args, {
    quest: "animate",
    image,
    imageBytes,
    prompt: words.join(" ").trim(),
  });
}
