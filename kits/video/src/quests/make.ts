/**
 * Quest: text to video.
 *
 *   npm run video -- make "a paper boat drifting down a rainy street, cinematic" --seconds 5 --ar 16:9
 *
 * The price is shown first (--yes accepts it); the job is recorded before it is sent, then
 * polled with progress on stderr, downloaded, checked, and saved in ./output with a .json beside
 * it. Running the same command again picks up the same job: it never pays twice.
 */
import { UsageError } from "@path/kit-cli";
import { runVideoJob } from "../shared/run-video-job.js";
import { parseVideoArgs, videoOptionsHelp } from "../shared/video-args.js";

export const help = `Usage: npm run video -- make "<prompt>" [options]

Makes a video from a description and saves it in ./output (never overwriting a file), with a
.json beside it. The estimated price is shown before anything is sent.

Options:
${videoOptionsHelp}`;

export async function main(argv: string[]): Promise<number> {
  const args = parseVideoArgs(argv);
  if (args.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const prompt = args.positionals.join(" ").trim();
  if (!prompt) {
    throw new UsageError(
      'describe the video: npm run video -- make "a paper boat drifting down a rainy street"',
    );
  }
  return runVideoJob(args, { quest: "make", prompt });
}
