import type OpenAI from "openai";
import type { Video, VideoCreateParams } from "openai/resources/videos";
import { ApiCallError, InvalidInputError, InvalidResponseError } from "../../errors.js";
import { extensionFor } from "../../media/sniff.js";
import type {
  CallSettings,
  ResponseInfo,
  VideoJobStatus,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
  Warning,
} from "../../spec/index.js";
import { unknownJobStatus } from "../unknown-job-status.js";
import { unsupportedSetting } from "../unsupported-setting.js";
import { describeUnexpected } from "./describe-unexpected.js";
import type { OpenAIClientHolder } from "./openai-provider.js";

/** Sizes per aspect ratio, the 720p one first: it is what a bare ratio gets (and costs least). */
const standardSizes: Record<string, string[]> = {
  "16:9": ["1280x720"],
  "9:16": ["720x1280"],
};
const proSizes: Record<string, string[]> = {
  "16:9": ["1280x720", "1792x1024"],
  "9:16": ["720x1280", "1024x1792"],
};

/**
 * Sora through `client.videos`: `create` (multipart; an input image goes as the
 * `input_reference` file part and must be exactly the video's size), `retrieve` for the
 * status, and the `/videos/{id}/content` endpoint as the result link (it needs the API key and
 * is the same link on every status call, so an expired download is simply asked for again).
 * `providerOptions.openai.remixOf = "<video id>"` remixes a finished video with a new prompt.
 * The API takes no idempotency key, so a submit is never sent twice on a failure.
 */
export class OpenAIVideoModel implements VideoModel {
  readonly specVersion = "v1";
  readonly provider: string;
  readonly limits: VideoLimits;
  /** Sora takes minutes; a status call every few seconds is plenty. */
  readonly pollIntervalMs = 5_000;
  readonly idempotentStart = false;
  private readonly sizesByRatio: Record<string, string[]>;

  constructor(
    readonly modelId: string,
    private readonly holder: OpenAIClientHolder,
  ) {
    this.provider = holder.preset.id;
    this.sizesByRatio = modelId.startsWith("sora-2-pro") ? proSizes : standardSizes;
    const sizes = Object.values(this.sizesByRatio).flat();
    const dimensions = sizes.map((size) => size.split("x").map(Number) as [number, number]);
    const sides = dimensions.flat();
    const aspects = dimensions.map(([width, height]) => width / height);
    this.limits = {
      inputs: ["text", "image"],
      durations: [4, 8, 12],
      aspectRatios: Object.keys(this.sizesByRatio),
      sizes,
      // An input image must be exactly one of `sizes`, the one the video is made at; doStart
      // refuses any other before sending (the API answers "Inpaint image must match the
      // requested width and height").
      image: {
        minSide: Math.min(...sides),
        maxSide: Math.max(...sides),
        minAspect: Math.min(...aspects),
        maxAspect: Math.max(...aspects),
      },
    };
  }

  private get name(): string {
    return `${this.provider}:${this.modelId}`;
  }

  async doStart(
    options: VideoStartOptions,
  ): Promise<{ jobId: string; warnings: Warning[]; response?: ResponseInfo }> {
    const { remixOf, ...extra } = options.providerOptions?.[this.provider] ?? {};
    if (remixOf !== undefined) return this.remix(String(remixOf), options);
    const warnings: Warning[] = [];
    if (options.seed !== undefined) {
      warnings.push(
        unsupportedSetting("seed", `${this.name} takes no seed; each run makes a new video.`),
      );
    }
    const size = this.size(options);
    const body: Record<string, unknown> = {
      model: this.modelId,
      prompt: options.prompt,
      size,
      ...(options.durationSeconds === undefined
        ? {}
        : { seconds: String(options.durationSeconds) }),
      ...extra,
    };
    if (options.image) {
      const { toFile } = await import("openai");
      const mediaType = options.image.mediaType ?? "image/png";
      body.input_reference = await toFile(
        Buffer.from(options.image.data),
        `reference.${extensionFor(mediaType)}`,
        { type: mediaType },
      );
    }
    const client = await this.holder.get();
    const { data, request_id } = await client.videos
      .create(body as unknown as VideoCreateParams, this.request(options))
      .withResponse();
    return { jobId: this.jobIdOf(data), warnings, response: this.responseInfo(data, request_id) };
  }

  async doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus> {
    const client = await this.holder.get();
    let video: Video;
    try {
      video = await client.videos.retrieve(options.jobId, this.request(options));
    } catch (error) {
      throw this.unknownJob(error, options.jobId);
    }
    if (typeof video !== "object" || video === null || typeof video.status !== "string") {
      throw new InvalidResponseError(this.provider, describeUnexpected(video));
    }
    const progress = typeof video.progress === "number" ? fraction(video.progress) : undefined;
    const status: string = video.status;
    switch (status) {
      case "queued":
        return { state: "queued", progress, message: status };
      case "in_progress":
        return { state: "running", progress, message: status };
      case "failed":
        return {
          state: "failed",
          message:
            video.error?.message || `${this.name} reported the video failed without a reason`,
          ...(video.error?.code ? { code: video.error.code } : {}),
        };
      case "completed":
        return this.completed(client, video);
      default:
        throw unknownJobStatus(this.provider, status, `video ${options.jobId}`, [
          "queued",
          "in_progress",
          "completed",
          "failed",
        ]);
    }
  }

  private completed(client: OpenAI, video: Video): VideoJobStatus {
    const expiresAt =
      typeof video.expires_at === "number"
        ? new Date(video.expires_at * 1000).toISOString()
        : undefined;
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) {
      return {
        state: "expired",
        message: `the files of video ${video.id} expired at ${expiresAt} (${this.provider} keeps them for a while only); make it again`,
      };
    }
    const headers: Record<string, string> = { authorization: `Bearer ${client.apiKey}` };
    if (client.organization) headers["openai-organization"] = client.organization;
    if (client.project) headers["openai-project"] = client.project;
    const base = client.baseURL.replace(/\/+$/, "");
    const url = `${base}/videos/${encodeURIComponent(video.id)}/content`;
    return { state: "succeeded", video: { url, headers, ...(expiresAt ? { expiresAt } : {}) } };
  }

  /** `POST /videos/{id}/remix`: the source's length and size are kept; only the prompt is new. */
  private async remix(
    sourceId: string,
    options: VideoStartOptions,
  ): Promise<{ jobId: string; warnings: Warning[]; response?: ResponseInfo }> {
    const warnings: Warning[] = [];
    const kept = "a remix keeps the source video's";
    if (options.image)
      warnings.push(unsupportedSetting("image", `${kept} frames; the image was not sent.`));
    if (options.durationSeconds !== undefined) {
      warnings.push(unsupportedSetting("durationSeconds", `${kept} length.`));
    }
    if (options.size || options.aspectRatio) {
      warnings.push(unsupportedSetting(options.size ? "size" : "aspectRatio", `${kept} size.`));
    }
    if (options.seed !== undefined)
      warnings.push(unsupportedSetting("seed", `${this.name} takes no seed.`));
    const client = await this.holder.get();
    const { data, request_id } = await client.videos
      .remix(sourceId, { prompt: options.prompt }, this.request(options))
      .withResponse();
    return { jobId: this.jobIdOf(data), warnings, response: this.responseInfo(data, request_id) };
  }

  /**
   * The size to make: the one asked for, else the input image's when it is one of the sizes
   * of the asked ratio, else the ratio's 720p size. An image of another size is refused here,
   * with what to do, rather than by the API after an upload.
   */
  private size(options: VideoStartOptions): string {
    const ratio = options.aspectRatio ?? this.limits.aspectRatios![0]!;
    const candidates = options.aspectRatio
      ? (this.sizesByRatio[ratio] ?? [])
      : Object.values(this.sizesByRatio).flat();
    const image = options.image ? `${options.image.width}x${options.image.height}` : undefined;
    const size = options.size
      ? `${options.size.width}x${options.size.height}`
      : image && candidates.includes(image)
        ? image
        : (this.sizesByRatio[ratio]?.[0] ?? this.limits.sizes![0]!);
    if (image && image !== size) {
      throw new InvalidInputError(
        `${this.name} animates an image only at the video's exact size: the image is ${image} and the video ${size}; crop or resize the image to ${size} (sizes: ${this.limits.sizes!.join(", ")}).`,
      );
    }
    return size;
  }

  private jobIdOf(video: Video): string {
    if (typeof video !== "object" || video === null || typeof video.id !== "string") {
      throw new InvalidResponseError(this.provider, describeUnexpected(video));
    }
    return video.id;
  }

  private responseInfo(video: Video, requestId: string | null | undefined): ResponseInfo {
    return { id: requestId ?? undefined, modelId: video.model ?? this.modelId };
  }

  private request(options: CallSettings) {
    return { signal: options.signal, headers: options.headers };
  }

  /** A 404 on retrieve means the id is not one of this account's videos. */
  private unknownJob(error: unknown, jobId: string): unknown {
    const { status, error: body } = (error ?? {}) as { status?: unknown; error?: unknown };
    if (status !== 404) return error;
    return new ApiCallError({
      provider: this.provider,
      status: 404,
      message: `video job "${jobId}" is unknown to ${this.provider} (deleted, made with another key or project, or an id from another provider)`,
      responseBody: body === undefined ? undefined : JSON.stringify(body),
      cause: error,
    });
  }
}

/** Sora's progress is a percentage. */
function fraction(percent: number): number {
  return Math.min(1, Math.max(0, percent / 100));
}
