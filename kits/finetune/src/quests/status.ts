/**
 * Quest: where are my fine-tuning jobs? Each recorded job, refreshed from its vendor.
 *
 *   npm run finetune -- status            every job started here
 *   npm run finetune -- status <job>      one, by short key or ftjob- id
 */
import { DurableJob, FineTuningApi, finishedStates, recordFineTune, shortKey } from "@path/core";
import { formatTable, parseCommandArgs, printJson } from "@path/kit-cli";
import { findFineTuneJob, fineTuneJobs } from "../jobs/fine-tune-jobs.js";

export const help = `Usage: npm run finetune -- status [<job>] [--json]

Lists the fine-tuning jobs started from this computer, newest first, asking each vendor for the
latest state of the unfinished ones: key, vendor job id, model, state, and the tuned model's
name (or why it failed). <job> is a short key or an ftjob- id.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const { store, records: all } = await fineTuneJobs();
  const chosen = positionals[0] ? [(await findFineTuneJob(positionals[0])).record] : all;
  const records = [];
  for (const record of chosen) {
    if (!record.providerJobId || finishedStates.has(record.state)) {
      records.push(record);
      continue;
    }
    const job = DurableJob.of(store, record);
    await recordFineTune(
      job,
      await FineTuningApi.for(record.provider).retrieve(record.providerJobId),
    );
    records.push(job.record);
  }
  if (values.json) {
    printJson({ jobs: records });
    return 0;
  }
  if (records.length === 0) {
    process.stdout.write(
      "no fine-tuning jobs yet; start one with npm run finetune -- start data/train.jsonl --model …\n",
    );
    return 0;
  }
  const rows = records.map((r) => [
    shortKey(r.key),
    r.providerJobId ?? "(not created)",
    `${r.provider}:${r.modelId}`,
    r.state,
    r.resultModel ?? r.error ?? "",
  ]);
  process.stdout.write(
    `${formatTable(rows, { header: ["key", "job", "model", "state", "tuned model / why"] })}\n`,
  );
  return 0;
}
