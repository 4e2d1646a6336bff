/** The video jobs the kit lists and resumes: core's records in GENAI_JOBS_DIR (or the user data folder). */
import { type JobRecord, jobsDir, listVideoJobs } from "@path/core";
import { UsageError } from "@path/kit-cli";

/** Video records, newest first, and record files that could not be read, in the jobs folder. */
export async function videoJobs(): Promise<{
  directory: string;
  jobs: JobRecord[];
  unreadable: string[];
}> {
  return { directory: jobsDir(), ...(await listVideoJobs()) };
}

/**
 * The job a short key (`abcd1234`) or a full key names. When --new made another job of the
 * same request, the earlier one is kept as `key@date`: the plain key is the current job, so a
 * short key still names one. None, or several, is a UsageError that says what to type.
 */
export async function findVideoJob(keyOrPrefix: string): Promise<JobRecord> {
  const wanted = keyOrPrefix.trim().toLowerCase();
  if (!/^[0-9a-f]{4,64}(@[\w-]+)?$/.test(wanted)) {
    throw new UsageError(
      `"${keyOrPrefix}" is not a job key; give the 8-letter key \`npm run video -- jobs\` shows`,
    );
  }
  const { directory, jobs } = await videoJobs();
  const exact = jobs.find((record) => record.key === wanted);
  if (exact) return exact;
  const matches = jobs.filter(
    (record) => record.key.startsWith(wanted) && !record.key.includes("@"),
  );
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new UsageError(
      `${keyOrPrefix} matches ${matches.length} jobs; give more of the key (see \`npm run video -- jobs\`)`,
    );
  }
  throw new UsageError(
    `no video job ${keyOrPrefix} in ${directory}; \`npm run video -- jobs\` lists the ones there are (GENAI_JOBS_DIR picks the folder)`,
  );
}
