/**
 * Wan video on DashScope (Alibaba Model Studio) as async tasks: one create request to
 * `/services/aigc/video-generation/video-synthesis` with `X-DashScope-Async: enable`, then
 * `GET /tasks/{id}`. Text-to-video models take a `W*H` size, image-to-video models a first frame
 * (sent as base64 data) and a `720P`-style resolution. The result is a link valid 24 h; the task
 * id itself lives 24 h too, after which the service answers `UNKNOWN`.
 */
import { InvalidResponseError } from "../../errors.js";
import type {
  CallSettings,
  VideoJobStatus,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
  Warning,
} from "../../spec/index.js";
import { bearerJson } from "../bearer-json.js";
import { imageDataUri } from "../image-data-uri.js";
import { ratioDiffersFromPicture } from "../picture-shape.js";
import { unknownJobStatus } from "../unknown-job-status.js";
import { unsupportedSetting } from "../unsupported-setting.js";
import { secondsWithDefault } from "../video-durations.js";
import { expiresParamOf } from "../video-links.js";
import type { DashScopeConnection } from "./dashscope-speech-model.js";

/** Output sizes by tier, as the Wan API reference lists them (the first of a ratio wins). */
const tiers: Record<string, Array<[ratio: string, size: string]>> = {
  "480P": [
    ["16:9", "832x480"],
    ["9:16", "480x832"],
    ["1:1", "624x624"],
  ],
  "720P": [
    ["16:9", "1280x720"],
    ["9:16", "720x1280"],
    ["1:1", "960x960"],
    ["4:3", "1088x832"],
    ["3:4", "832x1088"],
  ],
  "1080P": [
    ["16:9", "1920x1080"],
    ["9:16", "1080x1920"],
    ["1:1", "1440x1440"],
    ["4:3", "1632x1248"],
    ["3:4", "1248x1632"],
  ],
};

interface WanFamily {
  /** Text-to-video takes sizes from these tiers, the first tier giving each ratio's default. */
  tiers?: string[];
  durations: number[];
  image: boolean;
}

/**
 * wan2.6 makes 2–15 s, wan2.5 5 or 10 s, older models 5 s. The service's default, 5 s, comes
 * first: core takes the first as the length of a request that names none.
 */
function familyOf(modelId: string): WanFamily {
  const image = /-i2v/.test(modelId);
  const durations = modelId.startsWith("wan2.6")
    ? secondsWithDefault(5, 2, 15)
    : modelId.startsWith("wan2.5")
      ? [5, 10]
      : [5];
  if (image) return { durations, image };
  if (modelId.startsWith("wan2.6")) return { tiers: ["720P", "1080P"], durations, image };
  if (modelId.startsWith("wan2.5")) return { tiers: ["720P", "480P", "1080P"], durations, image };
  if (modelId.startsWith("wan2.2")) return { tiers: ["480P", "1080P"], durations, image };
  return { tiers: ["720P"], durations, image };
}

function limitsOf(family: WanFamily): VideoLimits {
  if (family.image) {
    return {
      inputs: ["image"],
      durations: family.durations,
      // First frames: 360–2000 px a side, at most 10 MB (Wan image-to-video reference).
      image: { minSide: 360, maxSide: 2000, maxBytes: 10 * 1024 * 1024 },
    };
  }
  const entries = (family.tiers ?? []).flatMap((tier) => tiers[tier] ?? []);
  return {
    inputs: ["text"],
    durations: family.durations,
    aspectRatios: [...new Set(entries.map(([ratio]) => ratio))],
    sizes: entries.map(([, size]) => size),
  };
}

interface TaskReply {
  request_id?: string;
  code?: string;
  message?: string;
  output?: {
    task_id?: string;
    task_status?: string;
    video_url?: string;
    end_time?: string;
    code?: string;
    message?: string;
  };
}

const createPath = "/services/aigc/video-generation/video-synthesis";
/** Vendor options that belong in `input`; every other one goes in `parameters`. */
const inputFields = new Set(["negative_prompt", "audio_url", "img_url"]);
/** The task id and the result link both live this long. */
const dayMs = 24 * 60 * 60 * 1000;

export class DashScopeVideoModel implements VideoModel {
  readonly specVersion = "v1";
  readonly provider = "qwen";
  readonly limits: VideoLimits;
  /** Wan tasks take minutes; the docs suggest polling every 15 s. */
  readonly pollIntervalMs = 15_000;
  private readonly family: WanFamily;

  constructor(
    readonly modelId: string,
    private readonly connection: DashScopeConnection,
  ) {
    this.family = familyOf(modelId);
    this.limits = limitsOf(this.family);
  }

  async doStart(options: VideoStartOptions) {
    const warnings: Warning[] = [];
    const input: Record<string, unknown> = { prompt: options.prompt };
    const parameters: Record<string, unknown> = {};
    if (this.family.image) {
      if (options.image) {
        input.img_url = imageDataUri(options.image);
      }
      parameters.resolution = "720P";
      const ratio = options.aspectRatio;
      if (
        options.size ||
        (ratio && ratioDiffersFromPicture(ratio, options.image ?? { width: 1, height: 1 }))
      ) {
        warnings.push(
          unsupportedSetting(
            options.size ? "size" : "aspectRatio",
            `qwen:${this.modelId} keeps the picture's shape (at 720P; set providerOptions.qwen.resolution for 480P or 1080P); crop the picture to change it.`,
          ),
        );
      }
    } else {
      parameters.size = this.sizeFor(options).replace("x", "*");
    }
    // Always sent, so the length made is the one core priced.
    parameters.duration = options.durationSeconds ?? this.family.durations[0];
    if (options.seed !== undefined) parameters.seed = options.seed;
    for (const [name, value] of Object.entries(options.providerOptions?.qwen ?? {})) {
      if (inputFields.has(name)) input[name] = value;
      else parameters[name] = value;
    }
    const reply = await this.send<TaskReply>(`${this.connection.baseURL}${createPath}`, options, {
      method: "POST",
      headers: { "content-type": "application/json", "x-dashscope-async": "enable" },
      body: JSON.stringify({ model: this.modelId, input, parameters }),
    });
    const jobId = reply.output?.task_id;
    if (!jobId) {
      throw new InvalidResponseError(
        "qwen",
        `the video task was not created: no task_id in the answer (request ${reply.request_id ?? "?"}).`,
      );
    }
    return { jobId, warnings, response: { id: reply.request_id, modelId: this.modelId } };
  }

  async doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus> {
    const url = `${this.connection.baseURL}/tasks/${encodeURIComponent(options.jobId)}`;
    const reply = await this.send<TaskReply>(url, options, { method: "GET" });
    const output = reply.output ?? {};
    const status = output.task_status;
    switch (status) {
      case "PENDING":
        return { state: "queued", message: status };
      case "RUNNING":
        return { state: "running", message: status };
      case "SUCCEEDED": {
        if (!output.video_url) {
          throw new InvalidResponseError(
            "qwen",
            `task ${options.jobId} SUCCEEDED without a video_url; ask DashScope support with request ${reply.request_id ?? "?"}.`,
          );
        }
        return {
          state: "succeeded",
          video: {
            url: output.video_url,
            expiresAt: linkExpiry(output.video_url, output.end_time),
          },
        };
      }
      case "FAILED":
        return {
          state: "failed",
          message: output.message ?? "DashScope reported the task FAILED without a reason.",
          code: output.code,
        };
      case "CANCELED":
        return { state: "cancelled", message: `task ${options.jobId} was cancelled.` };
      case "UNKNOWN":
        return {
          state: "expired",
          message: `DashScope does not know task ${options.jobId}: a task id lives 24 hours (and only under the key and region that made it). Start the video again.`,
        };
      default:
        throw unknownJobStatus("qwen", status, `task ${options.jobId}`, [
          "PENDING",
          "RUNNING",
          "SUCCEEDED",
          "FAILED",
          "CANCELED",
          "UNKNOWN",
        ]);
    }
  }

  /** DashScope cancels only tasks still PENDING; a running one answers with an error. */
  async doCancel(options: { jobId: string } & CallSettings): Promise<void> {
    const url = `${this.connection.baseURL}/tasks/${encodeURIComponent(options.jobId)}/cancel`;
    await this.send<TaskReply>(url, options, { method: "POST" });
  }

  /** The exact size asked for, else the model's size for the ratio (16:9 by default). */
  private sizeFor(options: VideoStartOptions): string {
    if (options.size) return `${options.size.width}x${options.size.height}`;
    const entries = (this.family.tiers ?? []).flatMap((tier) => tiers[tier] ?? []);
    const ratio = options.aspectRatio ?? this.limits.aspectRatios?.[0];
    const found = entries.find(([known]) => known === ratio) ?? entries[0];
    return found?.[1] ?? "1280x720";
  }

  private send<T>(url: string, settings: CallSettings, init: RequestInit): Promise<T> {
    return bearerJson<T>(this.connection, url, settings, init);
  }
}

/**
 * The link's own `Expires=` (seconds), else 24 h after the task ended; `end_time` is written in
 * Beijing time with no zone.
 */
function linkExpiry(url: string, endTime: string | undefined): string | undefined {
  const expires = expiresParamOf(url);
  if (expires || !endTime) return expires;
  const ended = Date.parse(`${endTime.replace(" ", "T")}+08:00`);
  return Number.isNaN(ended) ? undefined : new Date(ended + dayMs).toISOString();
}
