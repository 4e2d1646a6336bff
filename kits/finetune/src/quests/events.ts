/**
 * Quest: what a fine-tuning job has said — validation, each training step's loss, the result.
 *
 *   npm run finetune -- events <job> [--follow]
 */
import { FineTuningApi, followFineTune } from "@path/core";
import { cancelOnCtrlC, parseCommandArgs, printJson, UsageError } from "@path/kit-cli";
import { findFineTuneJob } from "../jobs/fine-tune-jobs.js";
import { eventLine } from "../jobs/show-event.js";

export const help = `Usage: npm run finetune -- events <job> [--follow] [--json]

Prints a job's events, oldest first (metrics events carry the step and training loss).
--follow keeps printing new ones until the job finishes (Ctrl-C stops watching, not the job).
<job> is a short key or an ftjob- id (npm run finetune -- status lists them).`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { follow: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (!positionals[0]) throw new UsageError("name the job: npm run finetune -- events <job>");
  const job = await findFineTuneJob(positionals[0]);
  const id = job.record.providerJobId as string;
  if (!values.follow) {
    const events = await FineTuningApi.for(job.record.provider).events(id);
    if (values.json) printJson({ job: id, events });
    else process.stdout.write(events.map((event) => `${eventLine(event)}\n`).join(""));
    return 0;
  }
  const cancel = cancelOnCtrlC();
  try {
    const finished = await followFineTune(job, {
      pollIntervalMs: Number(process.env.GENAI_FINETUNE_POLL_MS ?? 10_000),
      signal: cancel.signal,
      onEvent: (event) =>
        process.stdout.write(`${values.json ? JSON.stringify(event) : eventLine(event)}\n`),
    });
    return finished.state === "succeeded" ? 0 : 1;
  } finally {
    cancel.dispose();
  }
}
