/**
 * Kling video: `POST /v1/videos/text2video` or `/image2video` starts a task, `GET` on the same
 * family with the task id reports it. The job id carries the family (`image2video/<task_id>`),
 * as a query on the other family does not find the task.
 */
import { ApiCallError, InvalidInputError, InvalidResponseError } from "../../errors.js";
import type {
  CallSettings,
  VideoJobStatus,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
  Warning,
} from "../../spec/index.js";
import { ratioDiffersFromPicture } from "../picture-shape.js";
import { unknownJobStatus } from "../unknown-job-status.js";
import { unsupportedSetting } from "../unsupported-setting.js";
import { type KlingConnection, klingRequest } from "./kling-client.js";
import { klingCodeOf } from "./kling-errors.js";

/** Image-to-video only: Kling's text2video route does not take these. */
const imageOnlyModels = new Set(["kling-v2-1", "kling-v1-5"]);

/** Models named in Kling's docs; other names are passed through as they are. */
export const klingVideoModels = [
  "kling-v1-6",
  "kling-v2-master",
  "kling-v2-1",
  "kling-v2-1-master",
  "kling-v2-5-turbo",
  "kling-v2-6",
] as const;

const families = ["text2video", "image2video"] as const;
type Family = (typeof families)[number];

const maxPromptCharacters = 2500;
/** Kling keeps a task's video for 30 days (its query docs). */
const resultLifetimeMs = 30 * 24 * 3600 * 1000;

interface KlingTask {
  task_id?: string;
  task_status?: string;
  task_status_msg?: string;
  task_result?: { videos?: { id?: string; url?: string; duration?: string }[] };
  created_at?: number;
  updated_at?: number;
}

export class KlingVideoModel implements VideoModel {
  readonly specVersion = "v1";
  readonly provider = "kling";
  readonly limits: VideoLimits;
  /** Kling names no interval; its jobs take minutes. */
  readonly pollIntervalMs = 5000;
  /**
   * Kling refuses an `external_task_id` it has seen (rather than answering with the first task),
   * and looking a task up by it is not documented clearly enough to rely on; so a submit cut off
   * before its answer is not sent again, and the id sent is the request key's start plus the
   * time: it finds the job on the dashboard, and `--new` on the same request is not refused.
   */
  readonly idempotentStart = false;

  constructor(
    readonly modelId: string,
    private readonly connection: KlingConnection,
  ) {
    this.limits = {
      inputs: imageOnlyModels.has(modelId) ? ["image"] : ["text", "image"],
      durations: [5, 10],
      aspectRatios: ["16:9", "9:16", "1:1"],
      // Kling's image2video docs: JPG or PNG, at most 10 MB, sides of 300 px or more, 1:2.5 to 2.5:1.
      image: { minSide: 300, maxBytes: 10 * 1024 * 1024, minAspect: 1 / 2.5, maxAspect: 2.5 },
    };
  }

  async doStart(options: VideoStartOptions) {
    if ([...options.prompt].length > maxPromptCharacters) {
      throw new InvalidInputError(
        `Kling takes a prompt of at most ${maxPromptCharacters} characters; this one has ${[...options.prompt].length}. Shorten it.`,
      );
    }
    const warnings: Warning[] = [];
    const family: Family = options.image ? "image2video" : "text2video";
    const body: Record<string, unknown> = {
      model_name: this.modelId,
      // Optional with a picture; an empty one is left out.
      prompt: options.prompt || undefined,
      mode: "std",
      // Kling wants the length as a string.
      duration: String(options.durationSeconds ?? 5),
      external_task_id: `${options.requestKey.slice(0, 16)}-${Date.now().toString(36)}`,
    };
    if (options.image) {
      body.image = Buffer.from(options.image.data).toString("base64");
      if (options.aspectRatio) warnAboutRatio(options.aspectRatio, options.image, warnings);
    } else {
      body.aspect_ratio = options.aspectRatio ?? "16:9";
    }
    if (options.size) {
      warnings.push(
        unsupportedSetting("size", "Kling takes a ratio, not a size: the size was left out."),
      );
    }
    if (options.seed !== undefined) {
      warnings.push(unsupportedSetting("seed", "Kling takes no seed: each run differs."));
    }
    // mode ("pro"), negative_prompt, cfg_scale, sound, camera_control go to the wire as given.
    Object.assign(body, options.providerOptions?.kling);
    const task = await klingRequest<KlingTask>(
      this.connection,
      `/v1/videos/${family}`,
      body,
      options,
    );
    if (!task.task_id) {
      throw new InvalidResponseError("kling", `/v1/videos/${family} answered with no task_id.`);
    }
    return {
      jobId: `${family}/${task.task_id}`,
      warnings,
      response: { id: task.task_id, modelId: this.modelId },
    };
  }

  async doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus> {
    const { family, taskId } = parseJobId(options.jobId);
    let task: KlingTask;
    try {
      task = await klingRequest<KlingTask>(
        this.connection,
        `/v1/videos/${family}/${encodeURIComponent(taskId)}`,
        undefined,
        options,
      );
    } catch (error) {
      // Kling's own "not found" (codes 1202/1203 with HTTP 404), not a proxy's 404 page.
      if (error instanceof ApiCallError && error.status === 404 && klingCodeOf(error)) {
        return {
          state: "expired",
          message: `kling does not know the job ${options.jobId}: it is gone (Kling keeps tasks about 30 days), or it was made with other keys or in the other region (KLING_BASE_URL).`,
        };
      }
      throw error;
    }
    return taskStatus(task, options.jobId);
  }
}

function taskStatus(task: KlingTask, jobId: string): VideoJobStatus {
  const status = task.task_status;
  switch (status) {
    case "submitted":
      return { state: "queued", message: status };
    case "processing":
      return { state: "running", message: status };
    case "succeed": {
      const url = task.task_result?.videos?.[0]?.url;
      if (!url) {
        throw new InvalidResponseError("kling", `job ${jobId} succeeded with no video URL.`);
      }
      const since = task.updated_at ?? task.created_at;
      return {
        state: "succeeded",
        video: {
          url,
          expiresAt:
            typeof since === "number"
              ? new Date(since + resultLifetimeMs).toISOString()
              : undefined,
        },
      };
    }
    case "failed":
      return {
        state: "failed",
        message: task.task_status_msg?.trim() || "Kling gave no reason.",
      };
    default:
      throw unknownJobStatus(
        "kling",
        status,
        jobId,
        ["submitted", "processing", "succeed", "failed"],
        "update @path/core, or see the job on your Kling dashboard",
      );
  }
}

function parseJobId(jobId: string): { family: Family; taskId: string } {
  const slash = jobId.indexOf("/");
  const family = jobId.slice(0, slash) as Family;
  const taskId = jobId.slice(slash + 1);
  if (slash < 0 || !families.includes(family) || !taskId) {
    throw new InvalidInputError(
      `"${jobId}" is not a Kling job id: they look like text2video/<task id> or image2video/<task id>.`,
    );
  }
  return { family, taskId };
}

/** Image-to-video takes its ratio from the picture; say so when another was asked for. */
function warnAboutRatio(
  ratio: string,
  image: { width: number; height: number },
  warnings: Warning[],
): void {
  if (!ratioDiffersFromPicture(ratio, image)) return;
  warnings.push(
    unsupportedSetting(
      "aspectRatio",
      `Kling makes an animated picture in the picture's own shape (${image.width}x${image.height}), not ${ratio}; crop the picture to change it.`,
    ),
  );
}
