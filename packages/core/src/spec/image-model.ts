import type { CallSettings, MediaData, Progress, ResponseInfo, Warning } from "./shared.js";

export interface ImageCallOptions extends CallSettings {
  prompt: string;
  /** What the image must not show. */
  negativePrompt?: string;
  /** Images to make in this call; core batches above `maxImagesPerCall`. */
  n: number;
  /** Exact size in pixels. Core fills this in from `aspectRatio` when the provider needs a size. */
  size?: { width: number; height: number };
  /** `"W:H"`, e.g. `"3:4"`, for providers that take a ratio rather than a size. */
  aspectRatio?: string;
  seed?: number;
  /** Sampling steps (diffusion models). */
  steps?: number;
  /** Classifier-free guidance scale (CFG). */
  guidance?: number;
  /** The init image for image-to-image. */
  image?: MediaData;
  /** How far image-to-image may move from the init image: 0 = keep it, 1 = ignore it. */
  strength?: number;
  /** Called as the provider reports steps, queue position or ETA. */
  onProgress?: (progress: Progress) => void;
}

export interface ImageGenerateResult {
  /** The images as the provider sent them; core decodes and checks each one. */
  images: MediaData[];
  warnings: Warning[];
  response?: ResponseInfo & {
    /** The seed the provider actually used, when it says (so a person can reproduce it). */
    seed?: number;
    /** The prompt after the provider rewrote it (DALL·E 3 does). */
    revisedPrompt?: string;
    /** Anything else worth keeping with the image: sampler, checkpoint name, … */
    parameters?: Record<string, string | number>;
  };
}

/** A model that makes images from text, and from an image plus text when it can. */
export interface ImageModel {
  readonly specVersion: "v1";
  readonly provider: string;
  readonly modelId: string;
  /** The most images one call may return; core batches above it. Undefined = no limit. */
  readonly maxImagesPerCall?: number;
  /** Sides this model takes are multiples of this many pixels (8 for Stable Diffusion); default 64. */
  readonly sizeStep?: number;
  doGenerate(options: ImageCallOptions): Promise<ImageGenerateResult>;
}
