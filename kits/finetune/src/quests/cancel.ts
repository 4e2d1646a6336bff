/**
 * Quest: stop a fine-tuning job. The vendor bills the training done so far.
 *
 *   npm run finetune -- cancel <job>
 */
import { FineTuningApi, recordFineTune } from "@path/core";
import { parseCommandArgs, printJson, UsageError } from "@path/kit-cli";
import { findFineTuneJob } from "../jobs/fine-tune-jobs.js";

export const help = `Usage: npm run finetune -- cancel <job> [--json]

Asks the vendor to cancel the job (a short key or an ftjob- id) and records it as cancelled.
Training already done is billed; a finished job cannot be cancelled.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (!positionals[0]) throw new UsageError("name the job: npm run finetune -- cancel <job>");
  const job = await findFineTuneJob(positionals[0]);
  const view = await FineTuningApi.for(job.record.provider).cancel(
    job.record.providerJobId as string,
  );
  await recordFineTune(job, view);
  if (values.json) printJson(job.record);
  else process.stdout.write(`${view.id} ${view.status}\n`);
  return 0;
}
