/**
 * Video as a durable job. The request is checked and keyed (model + settings + image bytes);
 * its record is written before the provider is asked and again the moment the provider names
 * the job, so the same request run again — after Ctrl-C, kill -9 or a closed laptop — picks up
 * that job instead of paying for a second one, and a finished video is never lost.
 */
import { rm } from "node:fs/promises";
import { Call, type CallOptions } from "../call.js";
import {
  ApiCallError,
  InvalidInputError,
  MissingApiKeyError,
  PathError,
  UnknownProviderError,
} from "../errors.js";
import type { Cost } from "../events.js";
import { DurableJob, InterruptedSubmitError } from "../jobs/durable-job.js";
import { finishedStates, type JobRecord } from "../jobs/job-record.js";
import { FileJobStore, type JobStore } from "../jobs/job-store.js";
import { jobsDir } from "../jobs/jobs-dir.js";
import { requestKey } from "../jobs/request-key.js";
import { resolveModel } from "../registry.js";
import type { VideoModel, Warning } from "../spec/index.js";
import type { GeneratedVideo } from "./generated-video.js";
import {
  fetchResult,
  fileSize,
  hasFileOfSize,
  pollOnce,
  readResult,
  readVideoFile,
  recordedEnd,
  shortKey,
  type WaitSettings,
  waitUntilFinished,
} from "./video-job.js";
import { checkVideoBudget, estimateVideoCost } from "./video-prices.js";
import { type CheckedVideoRequest, checkVideoRequest } from "./video-request.js";

/** A video job as recorded: plain JSON, so it can be stored, sent and resumed anywhere. */
export type VideoJob = JobRecord;

/** What a caller is asked before a paid job is submitted. */
export interface VideoCostQuestion {
  provider: string;
  modelId: string;
  seconds: number;
  /** Undefined when the price is not known. */
  cost?: Cost;
}

export interface VideoJobOptions extends CallOptions, WaitSettings {
  /** Where job records live. Default: a {@link FileJobStore} in {@link jobsDir}. */
  store?: JobStore;
  /** Where finished videos wait until saved. Default: the file store's folder, else {@link jobsDir}. */
  resultsDir?: string;
}

export interface GenerateVideoOptions extends VideoJobOptions {
  /** `"provider:modelId"` or a model object; omitted → the default video model. */
  model?: string | VideoModel;
  prompt?: string;
  /** A picture to animate (its bytes): image-to-video. */
  image?: Uint8Array;
  seconds?: number;
  /** `"16:9"`, `"9:16"`, `"1:1"`. */
  aspectRatio?: string;
  /** `"1280x720"`. */
  size?: string;
  seed?: number;
  /** Submit a new job even though this request has one (`--new`). */
  fresh?: boolean;
  /** Asked before a paid job is submitted (never when resuming one); false submits nothing. */
  confirmCost?: (question: VideoCostQuestion) => boolean | Promise<boolean>;
}

export interface StartVideoResult {
  job: VideoJob;
  /** True when this request already had a job and this call picked it up. */
  resumed: boolean;
  /** False when the job lives only in this process (a Gradio app): a killed run loses it. */
  resumable: boolean;
  warnings: Warning[];
  estimatedCost?: Cost;
}

export interface GenerateVideoResult extends StartVideoResult {
  video: GeneratedVideo;
  provider: string;
  modelId: string;
  durationMs: number;
  /** Where an earlier run already saved this video (then `keep` is not needed). */
  savedTo?: string;
  /** Save the video to `path` (never replacing a file) and record the job as saved. */
  keep(path: string): Promise<void>;
}

interface Begun {
  model: VideoModel;
  job: DurableJob;
  call: Call;
  resumed: boolean;
  warnings: Warning[];
  estimatedCost?: Cost;
  justSubmitted: boolean;
  resultsDir: string;
  asked?: CheckedVideoRequest;
}

/** Submit the job (or find the one this request already has) and return its handle. */
export async function startVideo(options: GenerateVideoOptions): Promise<StartVideoResult> {
  const begun = await begin(options);
  begun.call.finish();
  return started(begun);
}

/** Make a video: submit (or resume), wait with progress, download, decode. */
export async function generateVideo(options: GenerateVideoOptions): Promise<GenerateVideoResult> {
  return finish(await begin(options), options);
}

/** Carry on with a recorded job: by key, key prefix (`1a2b3c4d`) or the job record itself. */
export async function resumeVideo(
  job: string | VideoJob,
  options: VideoJobOptions & { model?: VideoModel } = {},
): Promise<GenerateVideoResult> {
  const store = storeOf(options);
  const record = typeof job === "string" ? await findVideoJob(job, { store }) : job;
  if (record.providerJobId === undefined) {
    if (record.state === "submitting") throw new InterruptedSubmitError(record);
    throw recordedEnd(record);
  }
  const model = options.model ?? (await modelOf(record));
  const call = new Call("video", model.provider, model.modelId, options, pollTimeoutMs);
  const begun: Begun = {
    model,
    job: DurableJob.of(store, record),
    call,
    resumed: true,
    warnings: (record.warnings ?? []).map((message) => ({ type: "other", message })),
    estimatedCost:
      record.estimatedCostUsd === undefined
        ? undefined
        : { amount: record.estimatedCostUsd, currency: "USD" },
    justSubmitted: false,
    resultsDir: resultsDirOf(options, store),
  };
  return finish(begun, options);
}

/** Download (or pick up) a finished job's video; the same as {@link resumeVideo}. */
export const downloadVideo = resumeVideo;

/** Ask the provider once where a recorded job stands; the record is updated. */
export async function getVideoStatus(
  job: string | VideoJob,
  options: VideoJobOptions & { model?: VideoModel } = {},
) {
  const store = storeOf(options);
  const record = typeof job === "string" ? await findVideoJob(job, { store }) : job;
  if (record.providerJobId === undefined) return { job: record, status: undefined };
  const model = options.model ?? (await modelOf(record));
  const durable = DurableJob.of(store, record);
  const call = new Call("video", model.provider, model.modelId, options, pollTimeoutMs);
  const status = await pollOnce(model, durable, call);
  call.finish();
  return { job: durable.record, status };
}

/** Every recorded video job, newest first, and record files that could not be read. */
export async function listVideoJobs(options: { store?: JobStore } = {}) {
  const store = storeOf(options);
  const jobs = (await store.list()).filter((record) => record.job === "video");
  const unreadable = store instanceof FileJobStore ? await store.unreadable() : [];
  return { jobs, unreadable };
}

/** The recorded video job with this key or key prefix; a clear error when none or several match. */
export async function findVideoJob(
  keyOrPrefix: string,
  options: { store?: JobStore } = {},
): Promise<VideoJob> {
  const store = storeOf(options);
  const wanted = keyOrPrefix.trim().toLowerCase();
  const where = store instanceof FileJobStore ? ` in ${store.directory}` : "";
  if (!/^[0-9a-f]{4,64}(@[\w-]+)?$/.test(wanted)) {
    throw new InvalidInputError(
      `"${keyOrPrefix}" is not a job key: use the first characters of a key the jobs command lists (e.g. 1a2b3c4d).`,
    );
  }
  const records = await store.list();
  const exact = records.find((record) => record.key === wanted);
  if (exact) return checkVideo(exact);
  // A request submitted again with --new keeps its earlier job as `key@date`: a short key names
  // the current one.
  const matches = records.filter(
    (record) => record.key.startsWith(wanted) && !record.key.includes("@"),
  );
  if (matches.length === 1) return checkVideo(matches[0]!);
  if (matches.length === 0) {
    throw new InvalidInputError(
      `No video job ${keyOrPrefix} is recorded${where}; the jobs command lists the ones there are (GENAI_JOBS_DIR picks the folder; a provider's own job id is not a key).`,
    );
  }
  throw new InvalidInputError(
    `${keyOrPrefix} matches ${matches.length} jobs (${matches.map((record) => shortKey(record.key)).join(", ")}); give more of the key.`,
  );
}

/** The wait for one status answer; the job itself may take an hour. */
const pollTimeoutMs = 60_000;

async function begin(options: GenerateVideoOptions): Promise<Begun> {
  const model = await resolveModel("video", options.model);
  const { request, warnings } = checkVideoRequest(model, options);
  const { provider, modelId } = model;
  const store = storeOf(options);
  const settings = {
    prompt: request.prompt,
    seconds: request.durationSeconds,
    aspectRatio: request.aspectRatio,
    size: request.size && `${request.size.width}x${request.size.height}`,
    seed: request.seed,
  };
  const key = requestKey({
    provider,
    modelId,
    settings: { ...settings, options: options.providerOptions?.[provider] },
    inputs: request.image ? [request.image.data] : [],
  });
  const seconds = request.durationSeconds ?? model.limits.durations?.[0] ?? 5;
  const estimatedCost = estimateVideoCost(provider, modelId, seconds);
  // A damaged record is reported (by open, below) before any price is asked; so is a submit
  // that was interrupted, which runs again only with --new.
  let damaged = false;
  const known = options.fresh
    ? undefined
    : await store.get(key).catch(() => {
        damaged = true;
        return undefined;
      });
  const interrupted =
    known?.state === "submitting" && known.providerJobId === undefined && !model.idempotentStart;
  if (known?.providerJobId === undefined && !interrupted && !damaged) {
    checkVideoBudget(await store.list(), estimatedCost);
    await confirmCost(options, { provider, modelId, seconds, cost: estimatedCost });
  }
  const call = new Call("video", provider, modelId, options, pollTimeoutMs);
  const job = await DurableJob.open({
    store,
    key,
    job: "video",
    provider,
    modelId,
    request: {
      ...settings,
      image:
        request.image &&
        `${request.image.width}x${request.image.height} ${request.image.mediaType}`,
    },
    estimatedCostUsd: estimatedCost?.currency === "USD" ? estimatedCost.amount : undefined,
    fresh: options.fresh,
    idempotent: model.idempotentStart,
  });
  const begun: Begun = {
    model,
    job,
    call,
    resumed: job.resumed,
    warnings,
    estimatedCost,
    justSubmitted: false,
    resultsDir: resultsDirOf(options, store),
    asked: request,
  };
  if (!job.needsSubmit) {
    begun.warnings = (job.record.warnings ?? []).map((message) => ({ type: "other", message }));
    return begun;
  }
  if (job.record.state !== "submitting")
    await job.update({ state: "submitting", error: undefined });
  try {
    const answer = await call.run(
      (callSettings) => model.doStart({ ...callSettings, ...request, requestKey: key }),
      model.idempotentStart ? undefined : onlyWhenNotCreated,
    );
    warnings.push(...answer.warnings);
    await job.update({
      providerJobId: answer.jobId,
      state: "queued",
      warnings: warnings.map((warning) => warning.message),
    });
    begun.justSubmitted = true;
  } catch (error) {
    // Refused outright (bad request, no key): nothing was made, so the next run submits again.
    // Anything else (a cut connection, a timeout, a 5xx) may have made the job: the record
    // stays `submitting` and the next run says so instead of paying twice.
    const message = (error as Error).message;
    if (refusedBeforeCreating(error)) await job.update({ state: "failed", error: message });
    else await job.update({ error: `the submit got no clear answer: ${message}` });
    throw error;
  }
  return begun;
}

async function finish(begun: Begun, options: VideoJobOptions): Promise<GenerateVideoResult> {
  const { model, job, call } = begun;
  try {
    const record = job.record;
    const cached = record.resultPath;
    const cachedSize = await fileSize(cached);
    const savedEarlier =
      record.outputPath !== undefined &&
      (record.state === "saved"
        ? (await fileSize(record.outputPath)) > 0
        : await hasFileOfSize(record.outputPath, cachedSize));
    if (savedEarlier && record.outputPath) {
      // Saved earlier (or killed between saving and recording it): the saved file is the result.
      const video = await readVideoFile(model, record.outputPath);
      if (record.state !== "saved" || cached) {
        await job.update({ state: "saved", resultPath: undefined });
      }
      if (cached && cached !== record.outputPath) await rm(cached, { force: true });
      return result(begun, video, record.outputPath);
    }
    if (
      record.state !== "succeeded" &&
      record.state !== "saved" &&
      finishedStates.has(record.state)
    ) {
      throw recordedEnd(record);
    }
    const video =
      cached && cachedSize > 0
        ? await readResult(model, job, cached)
        : await fetchResult(
            model,
            job,
            call,
            await waitUntilFinished(model, job, call, options, begun.justSubmitted),
            begun.resultsDir,
            options,
          );
    return result(begun, video, undefined);
  } catch (error) {
    call.fail(error as Error);
    throw error;
  }
}

function result(
  begun: Begun,
  video: GeneratedVideo,
  savedTo: string | undefined,
): GenerateVideoResult {
  const { model, job, call } = begun;
  const warnings = [...begun.warnings, ...mismatchWarnings(begun, video)];
  call.finish();
  return {
    ...started(begun),
    warnings,
    video,
    provider: model.provider,
    modelId: model.modelId,
    durationMs: call.durationMs,
    savedTo,
    keep: async (path: string) => {
      await job.update({ outputPath: path });
      await video.save(path);
      const cached = job.record.resultPath;
      await job.update({ state: "saved", resultPath: undefined });
      if (cached && cached !== path) await rm(cached, { force: true });
    },
  };
}

function started(begun: Begun): StartVideoResult {
  return {
    job: begun.job.record,
    resumed: begun.resumed,
    resumable: begun.model.resumable !== false,
    warnings: begun.warnings,
    estimatedCost: begun.estimatedCost,
  };
}

/** The video made differs from the one asked for: say so rather than let it pass. */
function mismatchWarnings(begun: Begun, video: GeneratedVideo): Warning[] {
  const asked = begun.asked;
  const name = `${begun.model.provider}:${begun.model.modelId}`;
  const warnings: Warning[] = [];
  const seconds = asked?.durationSeconds;
  if (seconds !== undefined && video.durationSeconds !== undefined) {
    if (Math.abs(video.durationSeconds - seconds) > 1) {
      warnings.push({
        type: "other",
        setting: "seconds",
        message: `${name} made ${video.durationSeconds.toFixed(1)} s, not the ${seconds} s asked for.`,
      });
    }
  }
  const size = asked?.size;
  if (size && (video.width !== size.width || video.height !== size.height)) {
    warnings.push({
      type: "other",
      setting: "size",
      message: `${name} made ${video.width}x${video.height}, not the ${size.width}x${size.height} asked for.`,
    });
  }
  return warnings;
}

async function confirmCost(options: GenerateVideoOptions, question: VideoCostQuestion) {
  if (question.cost?.amount === 0 || !options.confirmCost) return;
  if (!(await options.confirmCost(question))) {
    throw new PathError(
      "cost-not-accepted",
      "Nothing was submitted: the estimated price was not accepted.",
    );
  }
}

/** A submit may be retried only when the provider surely made nothing: it said "slow down". */
function onlyWhenNotCreated(error: unknown): boolean {
  return error instanceof ApiCallError && error.status === 429;
}

function refusedBeforeCreating(error: unknown): boolean {
  if (error instanceof ApiCallError) {
    return error.status < 500 && error.status !== 408 && error.status !== 409;
  }
  return (
    error instanceof InvalidInputError ||
    error instanceof MissingApiKeyError ||
    error instanceof UnknownProviderError
  );
}

function checkVideo(record: JobRecord): VideoJob {
  if (record.job !== "video") {
    throw new InvalidInputError(
      `Job ${shortKey(record.key)} is a ${record.job} job, not a video; use the kit that made it.`,
    );
  }
  return record;
}

function modelOf(record: JobRecord): Promise<VideoModel> {
  return resolveModel("video", `${record.provider}:${record.modelId}`);
}

function storeOf(options: { store?: JobStore }): JobStore {
  return options.store ?? new FileJobStore(jobsDir());
}

function resultsDirOf(options: VideoJobOptions, store: JobStore): string {
  return options.resultsDir ?? (store instanceof FileJobStore ? store.directory : jobsDir());
}
