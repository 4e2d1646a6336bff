/**
 * MiniMax Hailuo video, API v1: `POST /v1/video_generation` makes a task,
 * `GET /v1/query/video_generation` reports it (Preparing, Queueing, Processing, Success, Fail),
 * and a finished task's `file_id` becomes a download link through `GET /v1/files/retrieve` — a
 * fresh link on every call, so an expired one is replaced by asking again.
 */
import { InvalidInputError, InvalidResponseError } from "../../errors.js";
import type {
  CallSettings,
  VideoJobStatus,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
} from "../../spec/index.js";
import { imageDataUri } from "../image-data-uri.js";
import { unknownJobStatus } from "../unknown-job-status.js";
import { expiresParamOf } from "../video-links.js";
import {
  type MiniMaxConnection,
  type MiniMaxReply,
  miniMaxGet,
  miniMaxPost,
} from "./minimax-client.js";
import { baseRespError } from "./minimax-errors.js";
import { miniMaxVideoWarnings } from "./minimax-video-warnings.js";

/** First frames: JPG/PNG/WebP under 20 MB, short side over 300 px, 2:5 to 5:2 (docs). */
const imageLimits: VideoLimits["image"] = {
  minSide: 301,
  maxBytes: 20 * 1024 * 1024 - 1,
  minAspect: 2 / 5,
  maxAspect: 5 / 2,
};

/** Hailuo 2.3 and 02 make 6 or 10 s (10 s at 768P only); older models 6 s. */
function limitsOf(modelId: string): VideoLimits {
  const hailuo = /^MiniMax-Hailuo-/i.test(modelId);
  const imageOnly = /-Fast$/i.test(modelId) || /^I2V-/i.test(modelId);
  return {
    inputs: imageOnly ? ["image"] : /^T2V-/i.test(modelId) ? ["text"] : ["text", "image"],
    durations: hailuo ? [6, 10] : [6],
    ...(imageOnly ? {} : { aspectRatios: ["16:9"] }),
    ...(/^T2V-/i.test(modelId) ? {} : { image: imageLimits }),
  };
}

interface CreateReply extends MiniMaxReply {
  task_id?: string | number;
}

interface QueryReply extends MiniMaxReply {
  task_id?: string;
  status?: string;
  file_id?: string | number;
}

interface FileReply extends MiniMaxReply {
  file?: { download_url?: string };
}

/** Moderation refusals arrive on the query as codes; they end the job, not the call. */
const moderationCodes = new Set([1026, 1027]);

export class MiniMaxVideoModel implements VideoModel {
  readonly specVersion = "v1";
  readonly provider = "minimax";
  readonly limits: VideoLimits;
  /** The official CLI polls every 5 s; about 10 s is the usual advice. */
  readonly pollIntervalMs = 10_000;

  constructor(
    readonly modelId: string,
    private readonly connection: MiniMaxConnection,
  ) {
    this.limits = limitsOf(modelId);
  }

  async doStart(options: VideoStartOptions) {
    const name = `minimax:${this.modelId}`;
    const extra = options.providerOptions?.minimax ?? {};
    const resolution = typeof extra.resolution === "string" ? extra.resolution : undefined;
    if (resolution?.toUpperCase() === "1080P" && (options.durationSeconds ?? 6) > 6) {
      throw new InvalidInputError(
        `${name} makes 1080P videos of 6 s only; ask for 6 seconds, or drop resolution to get 768P at ${options.durationSeconds} s.`,
      );
    }
    const warnings = miniMaxVideoWarnings(name, options);
    const body: Record<string, unknown> = { model: this.modelId, prompt: options.prompt };
    if (options.durationSeconds !== undefined) body.duration = options.durationSeconds;
    if (options.image) {
      body.first_frame_image = imageDataUri(options.image);
    }
    Object.assign(body, extra);
    const reply = await miniMaxPost<CreateReply>(
      this.connection,
      "/v1/video_generation",
      body,
      "video",
      options,
    );
    if (reply.task_id === undefined || reply.task_id === "") {
      throw new InvalidResponseError(
        "minimax",
        `the video task was not created: no task_id in the answer (trace ${reply.trace_id ?? "?"}).`,
      );
    }
    return {
      jobId: String(reply.task_id),
      warnings,
      response: { id: reply.trace_id, modelId: this.modelId },
    };
  }

  async doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus> {
    const { jobId } = options;
    const reply = await miniMaxGet<QueryReply>(
      this.connection,
      "/v1/query/video_generation",
      { task_id: jobId },
      options,
    );
    const code = reply.base_resp?.status_code ?? 0;
    const said = reply.base_resp?.status_msg ?? "no message";
    if (moderationCodes.has(code)) {
      return {
        state: "failed",
        message: `minimax's content moderation refused the ${code === 1026 ? "prompt or image" : "video it made"} (${said}); change the prompt or image.`,
        code: String(code),
      };
    }
    if (code === 2013) {
      return {
        state: "failed",
        message: `minimax does not know video task ${jobId} (${said}); was it made with another key or region?`,
        code: String(code),
      };
    }
    const error = baseRespError(reply.base_resp, "video");
    if (error) throw error;
    switch (reply.status) {
      case "Preparing":
      case "Queueing":
        return { state: "queued", message: reply.status };
      case "Processing":
        return { state: "running", message: reply.status };
      case "Success":
        return { state: "succeeded", video: await this.download(jobId, reply.file_id, options) };
      case "Fail":
        return {
          state: "failed",
          message: `minimax could not make video task ${jobId} (status Fail); try another prompt or image.`,
        };
      default:
        throw unknownJobStatus("minimax", reply.status, `video task ${jobId}`, [
          "Preparing",
          "Queueing",
          "Processing",
          "Success",
          "Fail",
        ]);
    }
  }

  /** A fresh download link for the task's file; fetched without the key (it is on object storage). */
  private async download(
    jobId: string,
    fileId: string | number | undefined,
    settings: CallSettings,
  ) {
    if (fileId === undefined || fileId === "") {
      throw new InvalidResponseError("minimax", `video task ${jobId} succeeded without a file_id.`);
    }
    const reply = await miniMaxGet<FileReply>(
      this.connection,
      "/v1/files/retrieve",
      { file_id: String(fileId) },
      settings,
    );
    const error = baseRespError(reply.base_resp, "video");
    if (error) throw error;
    const url = reply.file?.download_url;
    if (!url) {
      throw new InvalidResponseError(
        "minimax",
        `file ${fileId} of video task ${jobId} came without a download_url.`,
      );
    }
    return { url: preferHttps(url), expiresAt: expiresParamOf(url) };
  }
}

/**
 * Some object-storage regions refuse plain HTTP, so an `http://` link is fetched over HTTPS (as
 * MiniMax's own CLI does); a server on this machine (a fake, a proxy) keeps its scheme.
 */
function preferHttps(url: string): string {
  const parsed = new URL(url);
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
  if (parsed.protocol !== "http:" || local) return url;
  parsed.protocol = "https:";
  return parsed.toString();
}
