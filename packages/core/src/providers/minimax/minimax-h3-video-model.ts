/**
 * MiniMax H3 video, API v2 (`minimax:MiniMax-H3`, `MiniMax-H3-Max`): `POST /v2/video_generation`
 * with a `content` list (the prompt, a first frame), `GET /v2/query/video_generation/{id}`
 * (queued, running, succeeded, failed, cancelled) and `DELETE` to cancel a queued task. Unlike
 * API v1, errors come with real HTTP statuses, and the result link is renewed on every query.
 */
import { ApiCallError, InvalidResponseError } from "../../errors.js";
import type {
  CallSettings,
  VideoJobStatus,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
} from "../../spec/index.js";
import { bearerJson } from "../bearer-json.js";
import { imageDataUri } from "../image-data-uri.js";
import { unknownJobStatus } from "../unknown-job-status.js";
import { secondsWithDefault } from "../video-durations.js";
import type { MiniMaxConnection } from "./minimax-client.js";
import { miniMaxVideoWarnings } from "./minimax-video-warnings.js";

/** H3 makes 4–15 s, H3-Max 5–15 s; 5 s (the docs' example) first, as the default. */
function limitsOf(modelId: string): VideoLimits {
  const shortest = /-Max$/i.test(modelId) ? 5 : 4;
  return {
    inputs: ["text", "image"],
    durations: secondsWithDefault(5, shortest, 15),
    aspectRatios: ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"],
    // First frames: at most 30 MB, sides 256–5760 px, aspect 0.4–2.5 (v2 docs).
    image: {
      minSide: 256,
      maxSide: 5760,
      maxBytes: 30 * 1024 * 1024,
      minAspect: 0.4,
      maxAspect: 2.5,
    },
  };
}

interface TaskReply {
  task?: {
    id?: string;
    status?: string;
    content?: { url?: string };
    error?: { code?: string; message?: string };
  };
}

export class MiniMaxH3VideoModel implements VideoModel {
  readonly specVersion = "v1";
  readonly provider = "minimax";
  readonly limits: VideoLimits;
  readonly pollIntervalMs = 10_000;

  constructor(
    readonly modelId: string,
    private readonly connection: MiniMaxConnection,
  ) {
    this.limits = limitsOf(modelId);
  }

  async doStart(options: VideoStartOptions) {
    const name = `minimax:${this.modelId}`;
    const warnings = miniMaxVideoWarnings(name, options);
    const content: Record<string, unknown>[] = [{ type: "text", text: options.prompt }];
    let ratio = options.aspectRatio ?? this.limits.aspectRatios?.[0];
    if (options.image) {
      const url = imageDataUri(options.image);
      content.push({ type: "image_url", image_url: { url }, role: "first_frame" });
      ratio = "adaptive";
    }
    const body = {
      model: this.modelId,
      content,
      resolution: "768P",
      duration: options.durationSeconds ?? this.limits.durations?.[0],
      ratio,
      ...(options.providerOptions?.minimax ?? {}),
    };
    const reply = await this.send<{ task_id?: string | number }>("/v2/video_generation", options, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (reply.task_id === undefined || reply.task_id === "") {
      throw new InvalidResponseError(
        "minimax",
        "the video task was not created: no task_id in the answer.",
      );
    }
    return { jobId: String(reply.task_id), warnings, response: { modelId: this.modelId } };
  }

  async doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus> {
    const { jobId } = options;
    let reply: TaskReply;
    try {
      reply = await this.send<TaskReply>(
        `/v2/query/video_generation/${encodeURIComponent(jobId)}`,
        options,
        { method: "GET" },
      );
    } catch (error) {
      if (
        error instanceof ApiCallError &&
        error.status < 500 &&
        /invalid task_id/i.test(error.message)
      ) {
        return {
          state: "expired",
          message: `minimax does not know video task ${jobId}: it keeps tasks 7 days, under the key and region that made them. Start the video again.`,
        };
      }
      throw error;
    }
    const task = reply.task ?? {};
    switch (task.status) {
      case "queued":
      case "running":
        return { state: task.status, message: task.status };
      case "succeeded": {
        const url = task.content?.url;
        if (!url) {
          throw new InvalidResponseError(
            "minimax",
            `video task ${jobId} succeeded without content.url.`,
          );
        }
        return { state: "succeeded", video: { url } };
      }
      case "failed":
        return {
          state: "failed",
          message: task.error?.message ?? `minimax could not make video task ${jobId}.`,
          code: task.error?.code,
        };
      case "cancelled":
        return { state: "cancelled", message: `video task ${jobId} was cancelled.` };
      case "expired":
        return { state: "expired", message: `video task ${jobId} expired at MiniMax.` };
      default:
        throw unknownJobStatus("minimax", task.status, `video task ${jobId}`, [
          "queued",
          "running",
          "succeeded",
          "failed",
          "cancelled",
          "expired",
        ]);
    }
  }

  /** Cancels a queued task (MiniMax charges nothing for it); a running one cannot be stopped. */
  async doCancel(options: { jobId: string } & CallSettings): Promise<void> {
    await this.send(`/v2/video_generation/${encodeURIComponent(options.jobId)}`, options, {
      method: "DELETE",
    });
  }

  private send<T>(path: string, settings: CallSettings, init: RequestInit): Promise<T> {
    return bearerJson<T>(this.connection, `${this.connection.baseURL}${path}`, settings, init);
  }
}
