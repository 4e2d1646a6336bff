/** The video jobs the kit lists and resumes: core's records in GENAI_JOBS_DIR (or the user data folder). */
import { type JobRecord, jobsDir, listVideoJobs } from "@path/core";

/** Video records, newest first, and record files that could not be read, in the jobs folder. */
export async function videoJobs(): Promise<{
  directory: string;
  jobs: JobRecord[];
  unreadable: string[];
}> {
  return { directory: jobsDir(), ...(await listVideoJobs()) };
}
