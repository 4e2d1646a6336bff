import { loadApiKey, readSetting } from "../../config.js";
import {
  ApiCallError,
  InvalidInputError,
  InvalidResponseError,
  MissingApiKeyError,
} from "../../errors.js";
import type {
  CallSettings,
  VideoJobStatus,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
  Warning,
} from "../../spec/index.js";
import { imageDataUri } from "../image-data-uri.js";
import { unsupportedSetting } from "../unsupported-setting.js";
import { json, provider, send } from "./hf-fal.js";
import { falJobId, falJobStatus, falJobTarget } from "./hf-fal-job.js";
import type { HfClientHolder } from "./hf-provider.js";
import { explainWrongTask } from "./hf-task-error.js";

/** What fal's docs give for a family of video models. */
interface VideoFamily {
  pattern: RegExp;
  /** Frames are asked for, at this rate: seconds × fps + 1. */
  framesPerSecond: number;
  minFrames: number;
  maxFrames: number;
}

// fal-ai/wan/v2.2-a14b/{text,image}-to-video: num_frames 17–161 (default 81), 16 fps,
// resolution 480p/580p/720p (default 720p), aspect_ratio 16:9/9:16/1:1 (image: also auto).
const wan22: VideoFamily = {
  pattern: /wan2\.2-(t2v|i2v)-a14b/i,
  framesPerSecond: 16,
  minFrames: 17,
  maxFrames: 161,
};

const ratios = ["16:9", "9:16", "1:1"] as const;

function inputsOf(modelId: string): VideoLimits["inputs"] {
  if (/ti2v/i.test(modelId)) return ["text", "image"];
  return /i2v|image-to-video/i.test(modelId) ? ["image"] : ["text"];
}

/**
 * Text-to-video and image-to-video on fal-ai through its queue, as a job: `doStart` submits
 * once (through the Hugging Face router with an hf_ token, or straight to queue.fal.run with
 * FAL_KEY), `doStatus` asks once. The fal app comes from the Hub's provider mapping, as the
 * client resolves it (`Wan-AI/Wan2.2-T2V-A14B` → `fal-ai/wan/v2.2-a14b/text-to-video`).
 * fal's other inputs pass through `providerOptions.hf` (`resolution: "480p"` halves the price
 * of the default 720p; `negative_prompt`, `num_inference_steps`, …).
 */
export class HfVideoModel implements VideoModel {
  readonly specVersion = "v1";
  readonly provider = "hf";
  readonly limits: VideoLimits;
  // fal names no interval (its client polls every 500 ms); a video takes minutes.
  readonly pollIntervalMs = 2000;
  private readonly family: VideoFamily | undefined;

  constructor(
    readonly modelId: string,
    private readonly holder: HfClientHolder,
  ) {
    this.family = wan22.pattern.test(modelId) ? wan22 : undefined;
    const family = this.family;
    this.limits = {
      inputs: inputsOf(modelId),
      aspectRatios: family ? ratios : undefined,
      durations: family
        ? Array.from(
            { length: (family.maxFrames - 1) / family.framesPerSecond },
            (_, index) => index + 1,
          )
        : undefined,
    };
  }

  async doStart(
    options: VideoStartOptions,
  ): Promise<{ jobId: string; warnings: Warning[]; response?: { id?: string; modelId: string } }> {
    const warnings: Warning[] = [];
    const { provider: _named, ...extra } = (options.providerOptions?.hf ?? {}) as Record<
      string,
      unknown
    >;
    const parameters: Record<string, unknown> = { ...this.settings(options, warnings), ...extra };
    // Core has checked the inputs against the limits: an image goes only to a model taking one.
    const task = options.image ? "image-to-video" : "text-to-video";
    const token = this.token();
    const request = await this.request(task, options, parameters, token).catch((error) => {
      throw explainNotOnFal(
        explainWrongTask(error, this.modelId, task, suggestionFor(task)),
        this.modelId,
        task,
      );
    });
    const submitted = await json<{ request_id?: unknown; response_url?: unknown }>(
      await send(this.holder, request.url, {
        method: "POST",
        headers: request.headers,
        body: request.body,
        signal: options.signal,
      }),
      "queue answer",
    );
    if (typeof submitted.request_id !== "string" || typeof submitted.response_url !== "string") {
      throw new InvalidResponseError(
        provider,
        "fal-ai's queue answer has no request_id or response_url",
      );
    }
    const route = token.startsWith("hf_") ? "hf-router" : "fal-queue";
    return {
      jobId: falJobId(route, submitted.response_url),
      warnings,
      response: { id: submitted.request_id, modelId: this.modelId },
    };
  }

  doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus> {
    return falJobStatus(this.holder, options.jobId, this.token(), options.signal);
  }

  /** fal cancels a request still waiting in the queue; one already running cannot be stopped. */
  async doCancel(options: { jobId: string } & CallSettings): Promise<void> {
    const { base, search, headers } = falJobTarget(options.jobId, this.token());
    try {
      const url = `${base}/cancel${search}`;
      const answer = await send(this.holder, url, {
        method: "PUT",
        headers,
        signal: options.signal,
      });
      await answer.body?.cancel();
    } catch (error) {
      if (error instanceof ApiCallError && error.responseBody?.includes("ALREADY_COMPLETED")) {
        throw new InvalidInputError(
          `hf job ${options.jobId} has already started or finished, so fal cannot cancel it; its result (and cost) stands.`,
        );
      }
      throw error;
    }
  }

  /** fal's input fields for the asked length, ratio, size and seed. */
  private settings(options: VideoStartOptions, warnings: Warning[]): Record<string, unknown> {
    const parameters: Record<string, unknown> = {};
    const family = this.family;
    const name = `hf:${this.modelId}`;
    const seconds = options.durationSeconds;
    if (seconds !== undefined && family) {
      const { framesPerSecond: fps, minFrames, maxFrames } = family;
      const frames = Math.min(maxFrames, Math.max(minFrames, Math.round(seconds * fps) + 1));
      const made = (frames - 1) / fps;
      parameters.num_frames = frames;
      if (Math.abs(made - seconds) > 0.01) {
        warnings.push(
          unsupportedSetting(
            "durationSeconds",
            `${name} makes ${minFrames}–${maxFrames} frames at ${fps} fps; ${seconds} s became ${frames} frames (${made} s).`,
          ),
        );
      }
    } else if (seconds !== undefined) {
      warnings.push(
        unsupportedSetting(
          "durationSeconds",
          `${name} has no known length setting here; the clip is as long as the model makes it.`,
        ),
      );
    }
    if (options.aspectRatio) parameters.aspect_ratio = options.aspectRatio;
    if (options.size) {
      // Core sends a ratio for a model with no sizes; this is a direct call.
      warnings.push(
        unsupportedSetting(
          "size",
          `${name} takes a ratio, and a resolution (480p, 580p, 720p) as providerOptions.hf.resolution, not pixels.`,
        ),
      );
    }
    if (options.seed !== undefined) parameters.seed = options.seed;
    return parameters;
  }

  /** The submit the client would send: Hub mapping to the fal app, URL, auth, body. */
  private async request(
    task: "text-to-video" | "image-to-video",
    options: VideoStartOptions,
    parameters: Record<string, unknown>,
    token: string,
  ): Promise<{ url: string; headers: Record<string, string>; body: string }> {
    const { getProviderHelper, makeRequestOptions } = await import("@huggingface/inference");
    const helper = getProviderHelper("fal-ai", task);
    const args =
      task === "image-to-video"
        ? {
            model: this.modelId,
            image_url: imageDataUri(options.image!),
            parameters: { prompt: options.prompt, ...parameters },
          }
        : { model: this.modelId, inputs: options.prompt, parameters };
    const { url, info } = await makeRequestOptions(
      { ...args, provider: "fal-ai", accessToken: token } as Parameters<
        typeof makeRequestOptions
      >[0],
      helper,
      { fetch: this.holder.http, task, signal: options.signal },
    );
    return { url, headers: info.headers as Record<string, string>, body: info.body as string };
  }

  /** HF_TOKEN (through the router), else FAL_KEY (straight to fal's queue). */
  private token(): string {
    try {
      return this.holder.accessToken();
    } catch (error) {
      if (!(error instanceof MissingApiKeyError) || readSetting("FAL_KEY") === undefined) {
        throw error;
      }
      return loadApiKey({ apiKey: undefined, variable: "FAL_KEY", provider: "hf" });
    }
  }
}

/** The Hub lists no fal-ai mapping for the model (or does not know it): say which to use. */
function explainNotOnFal(error: unknown, modelId: string, task: string): unknown {
  const message = (error as Error)?.message ?? "";
  if (/not been able to find inference provider information/.test(message)) {
    return new InvalidInputError(
      `hf:${modelId} is not served by fal-ai on Inference Providers (video runs through fal's queue here); use a model fal-ai serves, such as ${suggestionFor(task)}.`,
    );
  }
  if (/Failed to fetch inference provider mapping.*not found/i.test(message)) {
    return new InvalidInputError(
      `The Hugging Face Hub has no model ${modelId}; check the name (e.g. ${suggestionFor(task)}).`,
    );
  }
  return error;
}

function suggestionFor(task: string): string {
  return task === "image-to-video" ? "hf:Wan-AI/Wan2.2-I2V-A14B" : "hf:Wan-AI/Wan2.2-T2V-A14B";
}
