import { createHash, randomInt, randomUUID } from "node:crypto";
import { ApiCallError, InvalidInputError } from "../../errors.js";
import { extensionFor, sniffMediaType } from "../../media/sniff.js";
import type {
  CallSettings,
  MediaData,
  VideoJobStatus,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
  Warning,
} from "../../spec/index.js";
import { unsupportedSetting } from "../unsupported-setting.js";
import type { ComfyUIClient } from "./comfyui-client.js";
import { fillPlaceholders, placeholdersIn } from "./comfyui-placeholders.js";
import type { ComfyVideoProgress } from "./comfyui-video-progress.js";
import {
  endedStatus,
  placeInQueue,
  type QueueState,
  type VideoHistoryEntry,
} from "./comfyui-video-status.js";
import {
  builtinVideoWorkflows,
  wanFileDefaults,
  wanNegativePrompt,
} from "./comfyui-video-workflows.js";
import { type ApiWorkflow, type ComfyUIOptions, loadUserWorkflow } from "./comfyui-workflow.js";

/** Wan 2.2 5B makes 24 fps and was trained on 121 frames (5 s); its sizes are 720p either way. */
const wanLimits = {
  durations: [1, 2, 3, 4, 5],
  aspectRatios: ["16:9", "9:16"],
  sizes: ["1280x704", "704x1280"],
};
const defaultArea = 1280 * 704;

/**
 * Video on the user's own GPU through ComfyUI: `comfyui:wan2.2-t2v`, `comfyui:wan2.2-i2v`, or an
 * API-format workflow file (`comfyui:./my-workflow.json`) with `{{prompt}}`, `{{image}}`,
 * `{{seconds}}` or `{{frames}}`, `{{fps}}`, `{{seed}}`, `{{width}}`, `{{height}}`. The job id is
 * ComfyUI's prompt id; its state comes from `/history/{id}` and `/queue`. Free: no cost.
 */
export class ComfyUIVideoModel implements VideoModel {
  readonly specVersion = "v1";
  readonly provider = "comfyui";
  readonly limits: VideoLimits;
  /** A local server: polling it every second costs nothing. */
  readonly pollIntervalMs = 1000;
  private readonly builtin: ApiWorkflow | undefined;
  /** Prompts this process deleted from the queue: ComfyUI forgets those entirely. */
  private readonly deleted = new Set<string>();

  constructor(
    readonly modelId: string,
    private readonly client: ComfyUIClient,
    private readonly progress: ComfyVideoProgress,
  ) {
    this.builtin = builtinVideoWorkflows[modelId];
    if (!this.builtin && !/\.json$/i.test(modelId)) {
      throw new InvalidInputError(
        `ComfyUI has no built-in video workflow "${modelId}": use comfyui:wan2.2-t2v, comfyui:wan2.2-i2v, or a workflow exported in API format, comfyui:./my-workflow.json.`,
      );
    }
    const inputs: VideoLimits["inputs"] = !this.builtin
      ? ["text", "image"]
      : modelId.endsWith("i2v")
        ? ["image"]
        : ["text"];
    this.limits = this.builtin ? { inputs, ...wanLimits } : { inputs };
  }

  async doStart(options: VideoStartOptions): Promise<{ jobId: string; warnings: Warning[] }> {
    const comfy = (options.providerOptions?.comfyui ?? {}) as ComfyUIOptions;
    const template = comfy.workflow
      ? await loadUserWorkflow(comfy.workflow)
      : (this.builtin ?? (await loadUserWorkflow(this.modelId)));
    const uses = placeholdersIn(template);
    const warnings = this.check(uses, options, comfy);
    const values = this.values(options, comfy);
    if (uses.has("image") && options.image) {
      values.image = await this.client.uploadImage(
        options.image.data,
        uploadName(options.image),
        options.signal,
      );
    }
    const clientId = randomUUID();
    const watch = await this.progress.open(clientId);
    try {
      const jobId = await this.client
        .queuePrompt(
          { prompt: fillPlaceholders(template, values), client_id: clientId },
          options.signal,
          options.headers,
        )
        .catch((error: unknown) => {
          throw this.builtin ? withSetupHint(error) : error;
        });
      this.progress.attach(jobId, watch);
      return { jobId, warnings };
    } catch (error) {
      watch?.socket?.close();
      throw error;
    }
  }

  /**
   * `/queue` first: a prompt there is waiting or running (one request per poll). ComfyUI moves a
   * prompt from the queue to its history under one lock, so one absent from the queue is in
   * `/history/{id}` (ended) or unknown to the server.
   */
  async doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus> {
    const { jobId, signal } = options;
    const place = placeInQueue(await this.client.get<QueueState>("/queue", signal), jobId);
    if (place?.state === "queued") {
      return { state: "queued", queuePosition: place.position, message: "pending" };
    }
    if (place?.state === "running") {
      const fraction = await this.progress.fraction(jobId, place.clientId);
      return { state: "running", progress: fraction, message: "running" };
    }
    const history = await this.client.get<Record<string, VideoHistoryEntry>>(
      `/history/${encodeURIComponent(jobId)}`,
      signal,
    );
    this.progress.forget(jobId);
    const entry = history[jobId];
    if (entry) return endedStatus(this.client, jobId, entry);
    if (this.deleted.has(jobId)) {
      return { state: "cancelled", message: "the prompt was taken off the ComfyUI queue" };
    }
    return {
      state: "expired",
      message: `ComfyUI at ${this.client.baseURL} does not know prompt ${jobId}: it restarted (its queue and history live in memory) or the prompt was deleted from its queue`,
    };
  }

  /** Interrupts the prompt if it runs, else deletes it from the queue. */
  async doCancel(options: { jobId: string } & CallSettings): Promise<void> {
    const { jobId, signal } = options;
    const place = placeInQueue(await this.client.get<QueueState>("/queue", signal), jobId);
    if (place?.state === "running") {
      await this.client.send("/interrupt", { prompt_id: jobId }, signal);
    } else if (place?.state === "queued") {
      await this.client.send("/queue", { delete: [jobId] }, signal);
      this.deleted.add(jobId);
    }
  }

  /** Refuses what the workflow cannot take; warns about settings it has no placeholder for. */
  private check(uses: Set<string>, options: VideoStartOptions, comfy: ComfyUIOptions): Warning[] {
    const name = typeof comfy.workflow === "string" ? comfy.workflow : this.modelId;
    if (!uses.has("prompt")) {
      throw new InvalidInputError(
        `The ComfyUI workflow ${name} has no {{prompt}} placeholder: write "{{prompt}}" as the text of its positive CLIPTextEncode node.`,
      );
    }
    if (uses.has("image") && !options.image) {
      throw new InvalidInputError(
        `The ComfyUI workflow ${name} has an {{image}} placeholder, so it needs a first frame: give an image (animate <picture> …).`,
      );
    }
    if (options.image && !uses.has("image")) {
      throw new InvalidInputError(
        `The ComfyUI workflow ${name} has no {{image}} placeholder, so it cannot start from a picture: use comfyui:wan2.2-i2v or put "{{image}}" in a LoadImage node.`,
      );
    }
    const warnings: Warning[] = [];
    const ignored = (setting: string, what: string, label: string) =>
      warnings.push(
        unsupportedSetting(
          setting,
          `The ComfyUI workflow ${name} has no ${what} placeholder, so the ${label} asked for was ignored.`,
        ),
      );
    if (options.durationSeconds !== undefined && !uses.has("seconds") && !uses.has("frames"))
      ignored("seconds", "{{seconds}} or {{frames}}", "length");
    if ((options.size || options.aspectRatio) && !uses.has("width"))
      ignored("size", "{{width}}", "size");
    if (options.seed !== undefined && !uses.has("seed")) ignored("seed", "{{seed}}", "seed");
    return warnings;
  }

  private values(
    options: VideoStartOptions,
    comfy: ComfyUIOptions,
  ): Record<string, string | number> {
    const fps = Number(comfy.values?.fps ?? 24);
    const seconds = options.durationSeconds ?? 5;
    const { width, height } = this.size(options);
    return {
      prompt: options.prompt,
      negative_prompt: this.builtin ? wanNegativePrompt : "",
      seed: options.seed ?? randomInt(0, 2 ** 32),
      width,
      height,
      seconds,
      fps,
      // Wan's VAE packs 4 frames into one latent frame after the first: lengths are 4k + 1.
      frames: Math.round((seconds * fps) / 4) * 4 + 1,
      steps: 30,
      cfg: 5,
      sampler_name: comfy.sampler_name ?? "uni_pc",
      scheduler: comfy.scheduler ?? "simple",
      ...wanFileDefaults,
      ...comfy.values,
    };
  }

  /** The asked size; else one of the ratio (or the first frame's) near 1280x704, in steps of 32. */
  private size(options: VideoStartOptions): { width: number; height: number } {
    if (options.size) return options.size;
    const [w, h] = (options.aspectRatio ?? "").split(":").map(Number);
    const ratio =
      w && h ? w / h : options.image ? options.image.width / options.image.height : 1280 / 704;
    if (this.builtin)
      return ratio < 1 ? { width: 704, height: 1280 } : { width: 1280, height: 704 };
    const step = (value: number) => Math.max(32, Math.round(value / 32) * 32);
    return {
      width: step(Math.sqrt(defaultArea * ratio)),
      height: step(Math.sqrt(defaultArea / ratio)),
    };
  }
}

/** A stable name, so uploading the same picture twice reuses one file on the server. */
function uploadName(image: MediaData): string {
  const hash = createHash("sha256").update(image.data).digest("hex").slice(0, 16);
  return `genai-path-${hash}.${extensionFor(sniffMediaType(image.data) ?? "image/png")}`;
}

/** ComfyUI without the Wan 2.2 files or nodes: say where they go. */
function withSetupHint(error: unknown): unknown {
  if (!(error instanceof ApiCallError) || error.status !== 400) return error;
  const said = error.message.replace(/^comfyui returned HTTP 400: /, "");
  let hint: string | undefined;
  if (/Wan22ImageToVideoLatent|CreateVideo|SaveVideo/.test(said) && /does not exist/.test(said)) {
    hint = "update ComfyUI: this one has no Wan 2.2 video nodes";
  } else if (/(UNETLoader|CLIPLoader|VAELoader).*not in/.test(said)) {
    hint = `put the Wan 2.2 5B files in ComfyUI/models: diffusion_models/${wanFileDefaults.unet_name}, text_encoders/${wanFileDefaults.clip_name}, vae/${wanFileDefaults.vae_name}`;
  }
  if (!hint) return error;
  return new ApiCallError({
    provider: "comfyui",
    status: 400,
    message: `${said}; ${hint}`,
    url: error.url,
    responseBody: error.responseBody,
    cause: error,
  });
}
