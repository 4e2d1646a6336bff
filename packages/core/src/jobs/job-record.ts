import type { Job } from "../spec/index.js";

/** Where a durable job stands, as recorded. `submitting` is written before the provider is asked. */
export type JobState =
  | "submitting"
  | "queued"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "expired"
  | "saved";

/** States after which the provider will not change the job any more. */
export const finishedStates: ReadonlySet<JobState> = new Set([
  "succeeded",
  "failed",
  "cancelled",
  "expired",
  "saved",
]);

/**
 * One job that outlives a call (a video, a music task, a fine-tuning run), as kept in a
 * {@link JobStore}. Plain JSON, so any database can hold it.
 */
export interface JobRecord {
  version: 1;
  /** The request key: the same model, settings and input bytes give the same key. */
  key: string;
  job: Job | "finetune";
  provider: string;
  modelId: string;
  state: JobState;
  /** The provider's id for the job, once it has answered the submit. */
  providerJobId?: string;
  /** What was asked, for listings (prompt, seconds, size, …); never secrets or input bytes. */
  request: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** 0..1 when the provider reports it. */
  progress?: number;
  /** The estimated price in USD when the price table knows it. */
  estimatedCostUsd?: number;
  /** Where the finished result can be fetched, and until when, when the provider says. */
  resultUrl?: string;
  resultExpiresAt?: string;
  /** The finished result, downloaded and checked, waiting to be saved (kept beside the records). */
  resultPath?: string;
  /** The file the result was saved to (written here before the save, so a kill mid-save is seen). */
  outputPath?: string;
  /** Warnings from the submit, shown again when the job is resumed. */
  warnings?: string[];
  /** A fine-tuning job's result: the tuned model's name. */
  resultModel?: string;
  /** Why it failed, in the provider's words. */
  error?: string;
}
