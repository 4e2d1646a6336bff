import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { AbortedError, InvalidInputError, PathError } from "../errors.js";
import { DurableJob } from "../jobs/durable-job.js";
import type { JobRecord, JobState } from "../jobs/job-record.js";
import type { JobStore } from "../jobs/job-store.js";
import { requestKey } from "../jobs/request-key.js";
import { FineTuningApi, type FineTuningEvent, type FineTuningJobView } from "./fine-tuning-api.js";

export interface StartFineTuneOptions {
  /** Chat JSONL to train on, and optionally to validate on. */
  trainingFile: string;
  validationFile?: string;
  /** `openai:gpt-4.1-mini-2025-04-14`. */
  model: string;
  epochs?: number;
  suffix?: string;
  /** Start another job even if this request has one (`--new`). */
  fresh?: boolean;
  /** Asked once, before anything is uploaded, when the job is new; false stops there. */
  confirm?: () => Promise<boolean>;
  store?: JobStore;
  signal?: AbortSignal;
  /** What is happening: uploading, creating, found an earlier job… */
  onStage?: (stage: string) => void;
}

const states: Record<FineTuningJobView["status"], JobState> = {
  validating_files: "queued",
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

/** The provider and model of `openai:gpt-4.1-mini`. */
export function splitModel(model: string): { provider: string; modelId: string } {
  const colon = model.indexOf(":");
  if (colon <= 0 || colon === model.length - 1) {
    throw new InvalidInputError(
      `give the model as provider:model, e.g. openai:gpt-4.1-mini (got "${model}")`,
    );
  }
  return { provider: model.slice(0, colon), modelId: model.slice(colon + 1) };
}

/**
 * Starts a fine-tuning job, or picks up the one this same request started. Each step is
 * recorded before the next is taken, and each is safe to repeat after a kill:
 * - the training file is uploaded under a name carrying the request key, and an upload whose
 *   answer was lost is found again by that name and size instead of being sent twice;
 * - the job carries the key in its metadata, so before creating one the vendor is asked for a
 *   job with that key: a create whose answer was lost is found, never made twice.
 * Returns the durable job, submitted, or undefined when `confirm` said no.
 */
export async function startFineTune(
  options: StartFineTuneOptions,
): Promise<DurableJob | undefined> {
  const { provider, modelId } = splitModel(options.model);
  const api = FineTuningApi.for(provider);
  const training = await readFile(options.trainingFile);
  const validation = options.validationFile ? await readFile(options.validationFile) : undefined;
  const settings = { epochs: options.epochs, suffix: options.suffix };
  const key = requestKey({
    provider,
    modelId,
    settings,
    inputs: validation ? [training, validation] : [training],
  });
  const job = await DurableJob.open({
    key,
    job: "finetune",
    provider,
    modelId,
    request: {
      trainingFile: options.trainingFile,
      validationFile: options.validationFile,
      ...settings,
    },
    fresh: options.fresh,
    store: options.store,
    // Safe to repeat: the job is looked up by the key in its metadata before it is created.
    idempotent: true,
  });
  if (!job.needsSubmit) return job;
  // A request whose price was refused before is asked again, like a new one.
  const refusedBefore = job.record.state === "cancelled";
  if ((!job.resumed || refusedBefore) && options.confirm) {
    const accepted = await options.confirm().catch(async (error: unknown) => {
      await job.update({ state: "cancelled", error: "not started" });
      throw error;
    });
    if (!accepted) {
      await job.update({ state: "cancelled", error: "not started: the price was not accepted" });
      return undefined;
    }
  }
  if (refusedBefore) await job.update({ state: "submitting", error: undefined });
  // The key plus when this record was made: stable across resumes, new with --new.
  const tag = `${key.slice(0, 24)}${Date.parse(job.record.createdAt).toString(36)}`.slice(0, 32);
  const upload = async (
    field: "trainingFileId" | "validationFileId",
    bytes: Uint8Array,
    role: string,
  ) => {
    const recorded = job.record.request[field];
    if (typeof recorded === "string") return recorded;
    const filename = `${role}-${tag}.jsonl`;
    options.onStage?.(
      `uploading ${basename(role === "train" ? options.trainingFile : (options.validationFile ?? ""))}`,
    );
    const id =
      (await api.findFile(filename, bytes.length, options.signal)) ??
      (await api.upload(filename, bytes, options.signal));
    await job.update({ request: { ...job.record.request, [field]: id } });
    return id;
  };
  const trainingFileId = await upload("trainingFileId", training, "train");
  const validationFileId = validation
    ? await upload("validationFileId", validation, "val")
    : undefined;
  const earlier = await api.findJob(tag, options.signal);
  if (earlier) options.onStage?.(`found the job this request created: ${earlier.id}`);
  else options.onStage?.("creating the job");
  const created =
    earlier ??
    (await api.create(
      {
        model: modelId,
        trainingFile: trainingFileId,
        validationFile: validationFileId,
        epochs: options.epochs,
        suffix: options.suffix,
        tag,
      },
      options.signal,
    ));
  await job.submitted(created.id);
  return job;
}

/**
 * Follows a submitted job until it finishes: its status and each new event as they come,
 * everything recorded. Returns the finished record (`fineTunedModel` set on success).
 */
export async function followFineTune(
  job: DurableJob,
  options: {
    pollIntervalMs: number;
    signal?: AbortSignal;
    onEvent?: (event: FineTuningEvent) => void;
    onStatus?: (view: FineTuningJobView) => void;
  },
): Promise<JobRecord> {
  const api = FineTuningApi.for(job.record.provider);
  const id = job.record.providerJobId;
  if (!id)
    throw new PathError("not-submitted", "this fine-tuning job was never created; run start again");
  const seen = new Set<string>();
  for (;;) {
    // A signal of its own each round: the client leaves a listener on the signal it is given,
    // and a job followed for hours makes thousands of calls.
    const signal = options.signal ? AbortSignal.any([options.signal]) : undefined;
    const current = await api.retrieve(id, signal);
    for (const event of await api.events(id, signal)) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      options.onEvent?.(event);
    }
    options.onStatus?.(current);
    await record(job, current);
    if (job.finished) return job.record;
    try {
      await sleep(options.pollIntervalMs, undefined, { signal: options.signal });
    } catch {
      throw new AbortedError();
    }
  }
}

/** Writes what the vendor said about the job into its record. */
export async function record(job: DurableJob, view: FineTuningJobView): Promise<void> {
  await job.update({
    state: states[view.status],
    ...(view.fineTunedModel ? { resultModel: view.fineTunedModel } : {}),
    ...(view.error ? { error: `${view.error.code}: ${view.error.message}` } : {}),
  });
}
