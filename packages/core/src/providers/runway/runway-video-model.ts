/**
 * Runway video tasks: `POST /v1/image_to_video` (with an input image, sent as a data URI) or
 * `POST /v1/text_to_video`, then `GET /v1/tasks/{id}` for the status and `DELETE` to cancel.
 * Runway takes no idempotency key, so a start is never sent twice by core unless it was refused.
 */
import { ApiCallError, InvalidInputError, InvalidResponseError } from "../../errors.js";
import { sniffMediaType } from "../../media/sniff.js";
import type {
  CallSettings,
  VideoJobStatus,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
  Warning,
} from "../../spec/index.js";
import { imageDataUri } from "../image-data-uri.js";
import { readJson } from "../server-http.js";
import { unknownJobStatus } from "../unknown-job-status.js";
import { unsupportedSetting } from "../unsupported-setting.js";
import { type RunwayConnection, runwayRequest } from "./runway-client.js";
import { type RunwayModelInfo, runwayModelInfo } from "./runway-models.js";

/** Runway counts the prompt in UTF-16 code units. */
const maxPromptLength = 1000;
const imageTypes = new Set(["image/png", "image/jpeg", "image/webp"]);

interface RunwayTask {
  id?: string;
  status?: string;
  progress?: number;
  output?: unknown[];
  failure?: string;
  failureCode?: string;
}

export class RunwayVideoModel implements VideoModel {
  readonly specVersion = "v1";
  readonly provider = "runway";
  readonly limits: VideoLimits;
  /** Runway asks for no more than one poll every 5 s. */
  readonly pollIntervalMs = 5_000;
  readonly idempotentStart = false;
  private readonly info: RunwayModelInfo;

  constructor(
    readonly modelId: string,
    private readonly connection: RunwayConnection,
  ) {
    this.info = runwayModelInfo(modelId);
    this.limits = this.info.limits;
  }

  async doStart(options: VideoStartOptions) {
    const warnings: Warning[] = [];
    const body = this.createBody(options, warnings);
    const path = options.image ? "/v1/image_to_video" : "/v1/text_to_video";
    const response = await runwayRequest(this.connection, path, { body }, options);
    const { id } = await readJson<RunwayTask>(this.connection.server, response);
    if (typeof id !== "string" || !id) {
      throw new InvalidResponseError("runway", `${path} answered without a task id`);
    }
    return { jobId: id, warnings, response: { id, modelId: this.modelId } };
  }

  async doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus> {
    let response: Response;
    try {
      response = await runwayRequest(this.connection, taskPath(options.jobId), {}, options);
    } catch (error) {
      if (isRunwayNotFound(error)) {
        return {
          state: "expired",
          message: `Runway no longer knows task ${options.jobId}: it was deleted (tasks and their videos do not live forever), or it was made with another key.`,
        };
      }
      throw error;
    }
    return taskStatus(await readJson<RunwayTask>(this.connection.server, response), options.jobId);
  }

  async doCancel(options: { jobId: string } & CallSettings): Promise<void> {
    await runwayRequest(this.connection, taskPath(options.jobId), { method: "DELETE" }, options);
  }

  private createBody(options: VideoStartOptions, warnings: Warning[]): Record<string, unknown> {
    const prompt = options.prompt.trim();
    if (prompt.length > maxPromptLength) {
      throw new InvalidInputError(
        `Runway takes a prompt of up to ${maxPromptLength} characters; this one has ${prompt.length}. Shorten it.`,
      );
    }
    if (!prompt && this.info.promptRequired) {
      throw new InvalidInputError(
        `Runway's ${this.modelId} needs a prompt with the picture too: say what should happen in the video.`,
      );
    }
    const body: Record<string, unknown> = { model: this.modelId };
    if (options.image) body.promptImage = dataUri(options.image);
    if (prompt) body.promptText = prompt;
    body.ratio = this.ratioFor(options);
    const duration = options.durationSeconds ?? this.info.defaultDuration;
    if (duration !== undefined) body.duration = Math.round(duration);
    if (options.seed !== undefined) {
      if (this.info.seed) body.seed = options.seed;
      else {
        warnings.push(
          unsupportedSetting("seed", `Runway's ${this.modelId} takes no seed; each run differs.`),
        );
      }
    }
    // Runway-only fields (`audio` for Veo, `contentModeration`) go to the wire as given.
    return { ...body, ...options.providerOptions?.runway };
  }

  /** The size asked for, else the aspect ratio, else the one nearest the input image's. */
  private ratioFor(options: VideoStartOptions): string {
    const { ratios, textRatios } = this.info;
    let ratio: string | undefined;
    if (options.size) ratio = `${options.size.width}:${options.size.height}`;
    else if (options.aspectRatio) ratio = ratios[options.aspectRatio] ?? options.aspectRatio;
    else if (options.image) ratio = nearestRatio(Object.values(ratios), options.image);
    ratio ??= Object.values(ratios)[0]!;
    if (!options.image && textRatios && !textRatios.includes(ratio)) {
      const allowed = Object.entries(ratios)
        .filter(([, value]) => textRatios.includes(value))
        .map(([aspect]) => aspect);
      throw new InvalidInputError(
        `Runway's ${this.modelId} makes text-to-video in ${allowed.join(" or ")} only; pick one of those, or give an input image for ${options.aspectRatio ?? ratio}.`,
      );
    }
    return ratio;
  }
}

function taskPath(jobId: string): string {
  return `/v1/tasks/${encodeURIComponent(jobId)}`;
}

function dataUri(image: NonNullable<VideoStartOptions["image"]>): string {
  const mediaType = sniffMediaType(image.data) ?? image.mediaType ?? "image/png";
  if (!imageTypes.has(mediaType)) {
    throw new InvalidInputError(
      `Runway takes a JPEG, PNG or WebP image, not ${mediaType}; convert the image first.`,
    );
  }
  return imageDataUri(image, mediaType);
}

function nearestRatio(ratios: string[], image: { width: number; height: number }): string {
  const aspect = Math.log(image.width / image.height);
  const distance = (ratio: string) => {
    const [width, height] = ratio.split(":").map(Number);
    return Math.abs(Math.log(width! / height!) - aspect);
  };
  return ratios.reduce((best, ratio) => (distance(ratio) < distance(best) ? ratio : best));
}

/** A 404 in Runway's own `{"error": …}` envelope, not a proxy's page. */
function isRunwayNotFound(error: unknown): boolean {
  if (!(error instanceof ApiCallError) || error.status !== 404) return false;
  try {
    return typeof JSON.parse(error.responseBody ?? "").error === "string";
  } catch {
    return false;
  }
}

/** Runway's task states: PENDING, THROTTLED, RUNNING, SUCCEEDED, FAILED, CANCELLED. */
export function taskStatus(task: RunwayTask, jobId: string): VideoJobStatus {
  switch (task.status) {
    case "PENDING":
      return { state: "queued", message: "PENDING" };
    case "THROTTLED":
      return {
        state: "queued",
        message: "THROTTLED (waiting for a free slot: the account runs a few tasks at once)",
      };
    case "RUNNING":
      return {
        state: "running",
        message: "RUNNING",
        progress:
          typeof task.progress === "number" ? Math.min(1, Math.max(0, task.progress)) : undefined,
      };
    case "SUCCEEDED": {
      const url = task.output?.[0];
      if (typeof url !== "string" || !url) {
        throw new InvalidResponseError("runway", `task ${jobId} SUCCEEDED without an output link`);
      }
      return { state: "succeeded", video: { url } };
    }
    case "FAILED":
      return {
        state: "failed",
        message: task.failure || "Runway reported the task FAILED without a reason.",
        code: task.failureCode,
      };
    case "CANCELLED":
      return { state: "cancelled", message: `Task ${jobId} was cancelled or deleted on Runway.` };
    default:
      throw unknownJobStatus(
        "runway",
        task.status,
        `task ${jobId}`,
        ["PENDING", "THROTTLED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"],
        "the wait stops here, though the task may still finish (see https://dev.runwayml.com/); update @path/core",
      );
  }
}
