/**
 * Quest: pick up a recorded job.
 *
 *   npm run video -- resume 1a2b3c4d
 *
 * Polls the job where it stands, downloads what it made (a download cut off goes on from where
 * it stopped) and saves it. Nothing is submitted: a job is paid once.
 */
import { findVideoJob } from "@path/core";
import { parseCommandArgs, UsageError } from "@path/kit-cli";
import { resumeJob } from "../shared/run-video-job.js";

export const help = `Usage: npm run video -- resume <job key> [--out <dir>] [--json]

Carries on with a video job a closed terminal or a killed run left: waits for it, downloads the
video and saves it in ./output. The key is the first 8 characters \`npm run video -- jobs\`
shows (or the whole key). It never submits the job again; running the same make or animate
command again does the same thing.

Options:
  -o, --out <dir>   where to write (default: ./output; files are never overwritten)
      --json        print one JSON object instead of the file path
      --debug       show stack traces on errors
  -h, --help        this help`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { out: { type: "string", short: "o" } });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [key] = positionals;
  if (!key) throw new UsageError("give a job key: npm run video -- resume 1a2b3c4d (see jobs)");
  const record = await findVideoJob(key);
  return resumeJob(record, { out: values.out, json: values.json === true });
}
