import { DurableJob, FileJobStore, type JobRecord, jobsDir, shortKey } from "@path/core";
import { UsageError } from "@path/kit-cli";

/** The fine-tuning jobs this computer started, newest first. */
export async function fineTuneJobs(): Promise<{ store: FileJobStore; records: JobRecord[] }> {
  const store = new FileJobStore(jobsDir());
  const records = (await store.list()).filter((record) => record.job === "finetune");
  return { store, records };
}

/** One job, named by its short key or the vendor's job id (`ftjob-…`). */
export async function findFineTuneJob(name: string): Promise<DurableJob> {
  const { store, records } = await fineTuneJobs();
  const found = records.find((r) => r.providerJobId === name || r.key.startsWith(name));
  if (!found) {
    throw new UsageError(`no fine-tuning job ${name} here; npm run finetune -- status lists them`);
  }
  if (!found.providerJobId) {
    throw new UsageError(
      `job ${shortKey(found.key)} was never created at ${found.provider}; run its start command again`,
    );
  }
  return DurableJob.of(store, found);
}
