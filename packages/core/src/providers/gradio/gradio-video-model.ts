/**
 * Video from a Gradio app (a Wan, LTX or CogVideoX demo, or your own) on a Space or a URL. The
 * endpoint is found by its API (one that takes text and returns a video; one with an image input
 * for image-to-video), and the prompt, first frame, length, size and seed go to the inputs whose
 * names fit.
 *
 * A Gradio job belongs to the client session that submitted it, and that session ends with the
 * process: there is no id another process could ask about. So `doStart` submits and keeps the
 * job in memory, `doStatus` reports from there, and after a restart the job is `expired`.
 */
import { randomUUID } from "node:crypto";
import { InvalidInputError, InvalidResponseError, JobFailedError } from "../../errors.js";
import type {
  CallSettings,
  ImageCallOptions,
  VideoJobStatus,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
  Warning,
} from "../../spec/index.js";
import { unsupportedSetting } from "../unsupported-setting.js";
import type { GradioApi, GradioEndpointInfo, GradioParameter } from "./gradio-endpoint.js";
import { endpointListing, namedEndpoint } from "./gradio-endpoint.js";
import type { GradioOptions } from "./gradio-image-model.js";
import { gradioInputs } from "./gradio-inputs.js";
import { type GradioStatus, progressFromStatus } from "./gradio-progress.js";
import type { GradioFile, GradioSession } from "./gradio-session.js";

/** A submitted job as this process sees it. */
interface GradioVideoJob {
  status: VideoJobStatus;
  controller: AbortController;
  cancelled?: boolean;
  handedOver?: boolean;
}

/** How long a finished video stays in memory after `doStatus` first hands it over. */
const keepFinishedMs = 10 * 60_000;

/** Every job this process started, by id; they cannot outlive it. */
const jobs = new Map<string, GradioVideoJob>();

const isVideo = (item: GradioParameter) => /video/i.test(item.component ?? "");
const isImage = (item: GradioParameter) => /image/i.test(item.component ?? "");
const isText = (item: GradioParameter) => /textbox/i.test(item.component ?? "");
const nameOf = (item: GradioParameter) =>
  `${item.parameter_name ?? ""} ${item.label ?? ""}`.toLowerCase();

function pickVideoEndpoint(
  api: GradioApi,
  wanted: string | undefined,
  wantsImage: boolean,
  appURL: string,
): { name: string; info: GradioEndpointInfo } {
  if (wanted) return namedEndpoint(api, wanted, appURL, { is: isVideo, noun: "video" });
  const endpoints = Object.entries(api.named_endpoints);
  const score = ([name, info]: [string, GradioEndpointInfo]) => {
    const image = info.parameters.some(isImage);
    const imageRequired = info.parameters.some(
      (item) => isImage(item) && !item.parameter_has_default,
    );
    return (
      (wantsImage && image ? 4 : 0) -
      (!wantsImage && imageRequired ? 4 : 0) +
      (info.parameters.some((item) => /duration|seconds|frames/.test(nameOf(item))) ? 1 : 0) +
      (/video|generat|infer|predict|run/i.test(name) ? 1 : 0)
    );
  };
  const best = endpoints
    .filter(([, info]) => info.returns.some(isVideo) && info.parameters.some(isText))
    .sort((a, b) => score(b) - score(a))[0];
  if (!best) {
    throw new InvalidInputError(
      `The Gradio app at ${appURL} has no endpoint that takes a prompt and returns a video. Its endpoints: ${endpointListing(api)}. Pick a video app, or name one with "gradio:<app>#/<endpoint>".`,
    );
  }
  return { name: best[0], info: best[1] };
}

export class GradioVideoModel implements VideoModel {
  readonly specVersion = "v1";
  readonly provider = "gradio";
  /** An app's lengths and sizes are its own; they reach the inputs whose names fit. */
  readonly limits: VideoLimits = { inputs: ["text", "image"] };
  readonly pollIntervalMs = 1000;
  /** The job is the app session's, which dies with this process. */
  readonly resumable = false;

  constructor(
    readonly modelId: string,
    private readonly session: GradioSession,
    private readonly endpoint?: string,
  ) {}

  /** Submits the job and returns once the app has queued it; the job then runs in this process. */
  async doStart(options: VideoStartOptions): Promise<{ jobId: string; warnings: Warning[] }> {
    options.signal?.throwIfAborted();
    const gradio = (options.providerOptions?.gradio ?? {}) as GradioOptions;
    // The job's own signal: the start call's signal ends with the start call, the job does not.
    const controller = new AbortController();
    const job: GradioVideoJob = { status: { state: "queued", message: "submitting" }, controller };
    let accepted: () => void = () => {};
    const queued = new Promise<void>((resolve) => {
      accepted = resolve;
    });
    let warnings: Warning[] = [];
    const callSettings = { signal: controller.signal, headers: options.headers };
    const run = this.session.within(callSettings, async (context) => {
      const client = await this.session.connect(context);
      const api = (await client.view_api()) as unknown as GradioApi;
      const wanted = gradio.endpoint ?? this.endpoint;
      const { name, info } = pickVideoEndpoint(api, wanted, !!options.image, this.session.appURL);
      const filled = videoInputs(name, info.parameters, options, gradio.inputs);
      warnings = filled.warnings;
      const output = await this.session.run(client, name, filled.data, context, (status) => {
        if (joined(status)) accepted();
        job.status = statusOf(status) ?? job.status;
      });
      const file = videoFileIn(output, info.returns);
      if (!file) {
        const outputs = info.returns.map((item) => item.component ?? item.label).join(", ");
        throw new InvalidResponseError(
          "gradio",
          `${name} of ${this.session.appURL} returned no video (its outputs: ${outputs}); name another endpoint with "gradio:<app>#/<endpoint>".`,
        );
      }
      job.status = { state: "running", progress: 1, message: "downloading" };
      return this.session.download(file, context);
    });
    const stop = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", stop, { once: true });
    try {
      // A job the app itself failed was taken: it is a failed job, not a failed start.
      await Promise.race([queued, run]).catch((error: unknown) => {
        if (!(error instanceof JobFailedError)) throw error;
      });
    } finally {
      options.signal?.removeEventListener("abort", stop);
    }
    const jobId = `gradio-${randomUUID()}`;
    jobs.set(jobId, job);
    run.then(
      (bytes) => {
        job.status = { state: "succeeded", video: { data: bytes } };
      },
      (error: unknown) => {
        job.status = job.cancelled
          ? { state: "cancelled", message: "cancelled; the app was told to drop the job" }
          : { state: "failed", message: error instanceof Error ? error.message : String(error) };
      },
    );
    return { jobId, warnings };
  }

  async doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus> {
    const job = jobs.get(options.jobId);
    if (!job) {
      return {
        state: "expired",
        message: `Gradio jobs do not survive a restart: job ${options.jobId} belonged to a process that has ended, and its session with the app ended with it`,
      };
    }
    if (job.status.state === "succeeded" && !job.handedOver) {
      // The bytes were handed over: keep them a while for a second look, then let them go.
      job.handedOver = true;
      setTimeout(() => {
        job.status = {
          state: "expired",
          message: `job ${options.jobId} finished and its video was handed over; it is no longer kept in memory`,
        };
      }, keepFinishedMs).unref();
    }
    return job.status;
  }

  /** Tells the app to drop the job (`/cancel`, then `/reset`). */
  async doCancel(options: { jobId: string } & CallSettings): Promise<void> {
    const job = jobs.get(options.jobId);
    if (!job || !["queued", "running"].includes(job.status.state)) return;
    job.cancelled = true;
    job.controller.abort();
  }
}

/** A status the app sends only once the job is in its queue (not the client's own first one). */
function joined(status: GradioStatus): boolean {
  return (
    status.position !== undefined ||
    status.original_msg !== undefined ||
    status.progress_data !== undefined ||
    status.stage !== "pending"
  );
}

/** Where the job stands after a status event; undefined when the event does not say. */
function statusOf(status: GradioStatus): VideoJobStatus | undefined {
  const progress = progressFromStatus(status);
  if (!progress) return undefined;
  if (progress.message === "queued") {
    return {
      state: "queued",
      queuePosition: progress.queuePosition,
      etaSeconds: progress.etaSeconds,
      message: "queued",
    };
  }
  return {
    state: "running",
    progress: progress.fraction,
    etaSeconds: progress.etaSeconds,
    message: progress.message,
  };
}

/** The call's prompt, frame, size and seed by the image rules, plus its length and ratio. */
function videoInputs(
  endpoint: string,
  parameters: GradioParameter[],
  options: VideoStartOptions,
  explicit: Record<string, unknown> = {},
): { data: unknown[]; warnings: Warning[] } {
  if (options.image && !parameters.some(isImage)) {
    throw new InvalidInputError(
      `The Gradio endpoint ${endpoint} takes no image, so it cannot animate a picture; use an image-to-video app (or endpoint, "gradio:<app>#/<endpoint>").`,
    );
  }
  const warnings: Warning[] = [];
  const computed: Record<string, unknown> = {};
  const named = (pattern: RegExp) =>
    parameters.find((item) => item.parameter_name && pattern.test(nameOf(item)));
  const seconds = options.durationSeconds;
  const durationInput = named(/duration|seconds/);
  const framesInput = named(/frames/);
  if (seconds !== undefined && durationInput) computed[durationInput.parameter_name!] = seconds;
  else if (seconds !== undefined && framesInput) {
    const fps = Number(named(/\bfps\b|frame_rate/)?.parameter_default ?? 24) || 24;
    computed[framesInput.parameter_name!] = Math.round(seconds * fps) + 1;
  } else if (seconds !== undefined) {
    warnings.push(
      unsupportedSetting(
        "seconds",
        `The Gradio endpoint ${endpoint} has no duration input; the app's own length was used.`,
      ),
    );
  }
  const size = options.size ?? sizeForRatio(options.aspectRatio, named(/width/), named(/height/));
  if (options.aspectRatio && !options.size && !size) {
    warnings.push(
      unsupportedSetting(
        "aspectRatio",
        `The Gradio endpoint ${endpoint} has no width and height inputs; the app's own shape was used.`,
      ),
    );
  }
  const asImage: ImageCallOptions = {
    prompt: options.prompt,
    n: 1,
    seed: options.seed,
    size,
    image: options.image,
  };
  const filled = gradioInputs(endpoint, parameters, asImage, { ...computed, ...explicit });
  return { data: filled.data, warnings: [...warnings, ...filled.warnings] };
}

/**
 * A size for the ratio from the app's default size: the default itself (or turned) when it is
 * that ratio within 5% (Wan's 832x480 is its 16:9), else the ratio at the default's long side.
 */
function sizeForRatio(
  ratio: string | undefined,
  width: GradioParameter | undefined,
  height: GradioParameter | undefined,
): { width: number; height: number } | undefined {
  const [w, h] = (ratio ?? "").split(":").map(Number);
  if (!w || !h || !width || !height) return undefined;
  const base = {
    width: Number(width.parameter_default) || 832,
    height: Number(height.parameter_default) || 480,
  };
  const asked = w / h;
  const near = (value: number) => Math.abs(value - 1) < 0.05;
  if (near(asked / (base.width / base.height))) return base;
  if (near(asked * (base.width / base.height))) return { width: base.height, height: base.width };
  const long = Math.max(base.width, base.height);
  const step = (value: number) => Math.max(16, Math.round(value / 16) * 16);
  return w >= h
    ? { width: step(long), height: step((long * h) / w) }
    : { width: step((long * w) / h), height: step(long) };
}

/** The video in a job's output: gr.Video's `{video: FileData}`, a FileData, or a URL. */
function videoFileIn(output: unknown[], returns: GradioParameter[]): GradioFile | undefined {
  for (const [index, value] of output.entries()) {
    if (!returns[index] || !isVideo(returns[index])) continue;
    const record = (value as { video?: unknown } | null)?.video ?? value;
    const file = asFile(record);
    if (file) return file;
  }
  return undefined;
}

function asFile(value: unknown): GradioFile | undefined {
  if (typeof value === "string") return { url: value };
  const record = value as { url?: unknown; path?: unknown } | null;
  if (!record || (typeof record.url !== "string" && typeof record.path !== "string")) return;
  return {
    url: typeof record.url === "string" ? record.url : undefined,
    path: typeof record.path === "string" ? record.path : undefined,
  };
}
