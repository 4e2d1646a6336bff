/**
 * What happens to a submitted video job, the same for every provider: one status request at a
 * time (the adapter's `doStatus`), recorded after each; waits that grow while nothing changes;
 * the finished video downloaded (resumable) beside the job records, decoded, and only then
 * reported. Every step reads and writes the durable record, so a run killed anywhere picks up
 * where it stopped.
 */
import { readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Call } from "../call.js";
import { downloadFile } from "../download/index.js";
import { ApiCallError, JobFailedError, MediaError, PathError } from "../errors.js";
import type { DurableJob } from "../jobs/durable-job.js";
import type { JobRecord, JobState } from "../jobs/job-record.js";
import { saveFileAtomically } from "../media/save-file.js";
import { sleep } from "../retry.js";
import type { Progress, VideoJobStatus, VideoModel, VideoResultLink } from "../spec/index.js";
import { decodeVideo } from "./decode-video.js";
import { GeneratedVideo } from "./generated-video.js";

/** Progress of a video job: where it stands, plus the provider's percent, queue place or download bytes. */
export interface VideoProgress extends Progress {
  state: JobState;
}

export interface WaitSettings {
  /** First wait between status requests; default: the model's advice, else 5 s. */
  pollIntervalMs?: number;
  /** Longest the call waits for the job to finish; the job itself keeps running. Default 1 h. */
  maxWaitMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: VideoProgress) => void;
}

type Finished = Extract<VideoJobStatus, { state: "succeeded" }>;
type Ended = Extract<VideoJobStatus, { state: "failed" | "cancelled" | "expired" }>;

const defaultPollMs = 5_000;
const defaultMaxWaitMs = 3_600_000;
/** Waits grow while nothing changes, up to this many times the first one (and at most 30 s). */
const longestWaitFactor = 6;

/** The short form of a request key people type: `resume 1a2b3c4d`. */
export function shortKey(key: string): string {
  return key.slice(0, 8);
}

/** Ask once where the job stands, and record it. */
export async function pollOnce(
  model: VideoModel,
  job: DurableJob,
  call: Call,
): Promise<VideoJobStatus> {
  const jobId = job.record.providerJobId!;
  const status = await call.run((settings) => model.doStatus({ ...settings, jobId }));
  if (status.state === "succeeded") {
    const link = "url" in status.video ? (status.video as VideoResultLink) : undefined;
    await job.update({
      state: "succeeded",
      progress: 1,
      resultUrl: link?.url,
      resultExpiresAt: link?.expiresAt,
    });
  } else if (status.state === "queued" || status.state === "running") {
    if (status.state !== job.record.state || status.progress !== job.record.progress) {
      await job.update({ state: status.state, progress: status.progress });
    }
  } else {
    await job.update({ state: status.state, error: status.message });
  }
  return status;
}

/** Poll until the job ends. A failed, cancelled or expired job is an error naming why. */
export async function waitUntilFinished(
  model: VideoModel,
  job: DurableJob,
  call: Call,
  settings: WaitSettings,
  justSubmitted: boolean,
): Promise<Finished> {
  const first = settings.pollIntervalMs ?? model.pollIntervalMs ?? defaultPollMs;
  const longest = Math.max(first, Math.min(first * longestWaitFactor, 30_000));
  const giveUpAt = Date.now() + (settings.maxWaitMs ?? defaultMaxWaitMs);
  let wait = first;
  let last = "";
  let runningSince: number | undefined;
  if (justSubmitted) await sleep(wait, settings.signal);
  for (;;) {
    const status = await pollOnce(model, job, call);
    if (status.state === "succeeded") return status;
    if (hasEnded(status)) throw endedError(model, job, status);
    if (status.state === "running") runningSince ??= Date.now();
    const progress: VideoProgress = {
      state: status.state,
      fraction: status.progress,
      etaSeconds: status.etaSeconds ?? etaFrom(status.progress, runningSince),
      queuePosition: status.queuePosition,
      message: status.message ?? status.state,
    };
    settings.onProgress?.(progress);
    call.emit({ type: "progress", progress });
    const seen = `${status.state}:${status.progress}:${status.queuePosition}`;
    wait = seen === last ? Math.min(wait * 1.5, longest) : first;
    last = seen;
    if (Date.now() + wait > giveUpAt) {
      const minutes = Math.round((settings.maxWaitMs ?? defaultMaxWaitMs) / 60_000);
      throw new PathError(
        "video-still-running",
        `${name(model)} job ${shortKey(job.record.key)} is still ${status.state} after ${minutes} min of waiting; it keeps running there and nothing is lost: resume it later with \`resume ${shortKey(job.record.key)}\`.`,
      );
    }
    await sleep(wait, settings.signal);
  }
}

/** When the provider gives a percent but no ETA: the time left at the rate seen so far. */
function etaFrom(fraction: number | undefined, runningSince: number | undefined) {
  if (fraction === undefined || runningSince === undefined || fraction < 0.05 || fraction >= 1) {
    return undefined;
  }
  const elapsedSeconds = (Date.now() - runningSince) / 1000;
  return Math.round((elapsedSeconds * (1 - fraction)) / fraction);
}

/** The file a finished result waits in until it is saved. */
export function resultFile(resultsDir: string, key: string): string {
  return join(resultsDir, `${key}.video`);
}

/**
 * Fetch the finished video into `resultsDir` (resuming a cut download), decode it and record
 * it. A link that has expired is asked for again once; a provider that cannot renew it makes the
 * job `expired`, with a message that says so.
 */
export async function fetchResult(
  model: VideoModel,
  job: DurableJob,
  call: Call,
  status: Finished,
  resultsDir: string,
  settings: WaitSettings,
): Promise<GeneratedVideo> {
  const path = resultFile(resultsDir, job.record.key);
  if ("data" in status.video) {
    await saveFileAtomically(path, status.video.data, { overwrite: true });
  } else {
    let link = status.video as VideoResultLink;
    const expired = link.expiresAt !== undefined && Date.parse(link.expiresAt) <= Date.now();
    if (expired) link = await renewedLink(model, job, call, link);
    try {
      await download(link, path, settings);
    } catch (error) {
      if (!(error instanceof ApiCallError && [401, 403, 404, 410].includes(error.status)))
        throw error;
      await download(await renewedLink(model, job, call, link), path, settings);
    }
  }
  return readResult(model, job, path);
}

/** Read and decode a video file. */
export async function readVideoFile(model: VideoModel, path: string): Promise<GeneratedVideo> {
  const bytes = await readFile(path);
  return new GeneratedVideo(bytes, await decodeVideo(bytes, model.provider));
}

/** Decode a downloaded result and record it; a download that does not decode is removed. */
export async function readResult(
  model: VideoModel,
  job: DurableJob,
  path: string,
): Promise<GeneratedVideo> {
  try {
    const video = await readVideoFile(model, path);
    if (job.record.resultPath !== path) await job.update({ state: "succeeded", resultPath: path });
    return video;
  } catch (error) {
    if (error instanceof MediaError) await rm(path, { force: true });
    throw error;
  }
}

/** The size of the file at `path`; -1 when there is none. */
export async function fileSize(path: string | undefined): Promise<number> {
  if (!path) return -1;
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? info.size : -1;
}

/** True when `path` holds a file of exactly `bytes` bytes. */
export async function hasFileOfSize(path: string | undefined, bytes: number): Promise<boolean> {
  return bytes >= 0 && (await fileSize(path)) === bytes;
}

async function download(link: VideoResultLink, path: string, settings: WaitSettings) {
  await downloadFile({
    url: link.url,
    destination: path,
    headers: link.headers,
    signal: settings.signal,
    onProgress: (progress) =>
      settings.onProgress?.({
        state: "succeeded",
        message: "downloading",
        downloadedBytes: progress.downloadedBytes,
        totalBytes: progress.totalBytes,
        bytesPerSecond: progress.bytesPerSecond,
        fraction: progress.totalBytes ? progress.downloadedBytes / progress.totalBytes : undefined,
      }),
  });
}

async function renewedLink(
  model: VideoModel,
  job: DurableJob,
  call: Call,
  old: VideoResultLink,
): Promise<VideoResultLink> {
  const status = await pollOnce(model, job, call);
  if (status.state === "succeeded" && "url" in status.video) {
    const fresh = status.video as VideoResultLink;
    // A new link, or an API endpoint (it needs the key) that serves the video on every ask.
    if (fresh.url !== old.url || fresh.headers !== undefined) return fresh;
  }
  if (hasEnded(status)) throw endedError(model, job, status);
  const since = old.expiresAt ? ` at ${old.expiresAt}` : "";
  const message = `its download link expired${since} and ${model.provider} does not hand out a new one`;
  await job.update({ state: "expired", error: message });
  throw new JobFailedError(
    model.provider,
    job.record.providerJobId!,
    `the video was made, but ${message}; it can no longer be downloaded (links last hours: run again with --new to make it again).`,
  );
}

function hasEnded(status: VideoJobStatus): status is Ended {
  return status.state === "failed" || status.state === "cancelled" || status.state === "expired";
}

function endedError(model: VideoModel, job: DurableJob, status: Ended): JobFailedError {
  const id = job.record.providerJobId!;
  const code = status.code ? ` (${status.code})` : "";
  const what =
    status.state === "failed"
      ? `${status.message}${code}`
      : status.state === "cancelled"
        ? `it was cancelled${status.message ? `: ${status.message}` : ""}`
        : `it expired on ${model.provider}'s side${status.message ? `: ${status.message}` : ""}`;
  return new JobFailedError(
    model.provider,
    id,
    `${what}. Change the prompt or settings, or run again with --new to try once more.`,
  );
}

/** The recorded end of a job that finished without a video, as an error. */
export function recordedEnd(record: JobRecord): JobFailedError {
  const state = record.state === "failed" ? "failed" : `ended ${record.state}`;
  return new JobFailedError(
    record.provider,
    record.providerJobId ?? shortKey(record.key),
    `it ${state} earlier (${record.error ?? "no reason given"}); run again with --new to submit it again.`,
  );
}

function name(model: VideoModel): string {
  return `${model.provider}:${model.modelId}`;
}
