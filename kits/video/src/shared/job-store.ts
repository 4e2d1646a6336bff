/** The store the kit keeps video jobs in: core's file store in GENAI_JOBS_DIR (or the user data folder). */
import { FileJobStore, type JobRecord, jobsDir } from "@path/core";
import { UsageError } from "@path/kit-cli";

export function videoJobStore(): FileJobStore {
  return new FileJobStore(jobsDir());
}

/** Video records, newest first. */
export async function videoJobs(store = videoJobStore()): Promise<JobRecord[]> {
  return (await store.list()).filter((record) => record.job === "video");
}

/**
 * The job a short key (`abcd1234`) or a full key names. Several matches, or none, are a
 * UsageError that says what to type.
 */
export async function findVideoJob(
  keyOrPrefix: string,
  store = videoJobStore(),
): Promise<JobRecord> {
  const wanted = keyOrPrefix.trim().toLowerCase();
  if (!/^[0-9a-f]{4,64}(@[\w-]+)?$/.test(wanted)) {
    throw new UsageError(
      `"${keyOrPrefix}" is not a job key; give the 8-letter key \`npm run video -- jobs\` shows`,
    );
  }
  const records = await videoJobs(store);
  const exact = records.find((record) => record.key === wanted);
  if (exact) return exact;
  // A --new set the old record aside under key@date; the plain key is the current one.
  const matches = records.filter(
    (record) => record.key.startsWith(wanted) && !record.key.includes("@"),
  );
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new UsageError(
      `${keyOrPrefix} matches ${matches.length} jobs; give more of the key (see \`npm run video -- jobs\`)`,
    );
  }
  throw new UsageError(
    `no video job ${keyOrPrefix} in ${store.directory}; \`npm run video -- jobs\` lists the ones there are (GENAI_JOBS_DIR picks the folder)`,
  );
}
