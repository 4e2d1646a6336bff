import { readFile, stat } from "node:fs/promises";
import { Call, type CallOptions } from "../call.js";
import { InvalidInputError } from "../errors.js";
import { GeneratedMedia } from "../media/generated-media.js";
import { resolveModel } from "../registry.js";
import type { ImageModel, MediaData, Progress, Warning } from "../spec/index.js";
import { checkGeneratedImage, checkInputImage, maxInputImageBytes } from "./check-image.js";
import {
  type ImageDimensions,
  parseAspectRatio,
  parseSize,
  sizeForAspectRatio,
} from "./image-size-options.js";

export interface GenerateImageOptions extends CallOptions {
  /** `"provider:modelId"` or a model object; omitted → the default image model. */
  model?: string | ImageModel;
  prompt: string;
  negativePrompt?: string;
  /** How many images. Default 1. Batched when the provider caps images per call. */
  n?: number;
  /** `"1024x768"` or `{ width, height }`. Use this or `aspectRatio`. */
  size?: string | ImageDimensions;
  /** `"3:4"`, `"16:9"`, … */
  aspectRatio?: string;
  seed?: number;
  steps?: number;
  guidance?: number;
  /** Init image for image-to-image: bytes, or a file path. */
  image?: Uint8Array | string;
  /** 0 = keep the init image, 1 = ignore it. */
  strength?: number;
  onProgress?: (progress: Progress) => void;
}

/** A generated image: the media type plus its decoded size. */
export class GeneratedImage extends GeneratedMedia {
  constructor(
    bytes: Uint8Array,
    readonly width: number,
    readonly height: number,
    /** The seed that made this image, when known. */
    readonly seed?: number,
  ) {
    super(bytes);
  }
}

export interface GenerateImageResult {
  images: GeneratedImage[];
  warnings: Warning[];
  provider: string;
  modelId: string;
  durationMs: number;
  /** The prompt after the provider rewrote it, when it does (DALL·E 3). */
  revisedPrompt?: string;
  /** Provider-reported generation parameters (sampler, checkpoint, …). */
  parameters: Record<string, string | number>;
}

const defaultTimeoutMs = 300_000;

/** Make images from a prompt (and an init image for image-to-image). */
export async function generateImage(options: GenerateImageOptions): Promise<GenerateImageResult> {
  const prompt = options.prompt?.trim();
  if (!prompt) throw new InvalidInputError("The image prompt is empty: describe what to draw.");
  const n = options.n ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new InvalidInputError(`n must be a whole number from 1 to 64, not ${options.n}.`);
  if (options.strength !== undefined && !(options.strength >= 0 && options.strength <= 1)) {
    throw new InvalidInputError(`strength must be between 0 and 1, not ${options.strength}.`);
  }
  if (options.aspectRatio) parseAspectRatio(options.aspectRatio);
  const size = options.size
    ? parseSize(options.size)
    : options.aspectRatio
      ? sizeForAspectRatio(options.aspectRatio)
      : undefined;
  const image = options.image === undefined ? undefined : await readInitImage(options.image);

  const model = await resolveModel("image", options.model);
  const call = new Call("image", model.provider, model.modelId, options, defaultTimeoutMs);
  const onProgress = (progress: Progress) => {
    options.onProgress?.(progress);
    call.emit({ type: "progress", progress });
  };

  const images: GeneratedImage[] = [];
  const warnings: Warning[] = [];
  let revisedPrompt: string | undefined;
  const parameters: Record<string, string | number> = {};
  const perCall = model.maxImagesPerCall ?? n;
  for (let made = 0; made < n; made += perCall) {
    const count = Math.min(perCall, n - made);
    // Each batch gets its own seed so batches differ but the whole set stays reproducible.
    const seed = options.seed === undefined ? undefined : options.seed + made;
    const result = await call.run((settings) =>
      model.doGenerate({
        ...settings,
        prompt,
        negativePrompt: options.negativePrompt,
        n: count,
        size,
        aspectRatio: options.aspectRatio,
        seed,
        steps: options.steps,
        guidance: options.guidance,
        image,
        strength: options.strength,
        onProgress,
      }),
    );
    for (const [index, media] of result.images.entries()) {
      const checked = checkGeneratedImage(media.data, model.provider);
      const imageSeed = result.response?.seed ?? seed;
      images.push(
        new GeneratedImage(
          media.data,
          checked.width,
          checked.height,
          imageSeed === undefined ? undefined : imageSeed + index,
        ),
      );
    }
    for (const warning of result.warnings) {
      if (!warnings.some((known) => known.message === warning.message)) warnings.push(warning);
    }
    revisedPrompt ??= result.response?.revisedPrompt;
    Object.assign(parameters, result.response?.parameters);
  }
  call.finish();
  return {
    images,
    warnings,
    provider: model.provider,
    modelId: model.modelId,
    durationMs: call.durationMs,
    revisedPrompt,
    parameters,
  };
}

async function readInitImage(image: Uint8Array | string): Promise<MediaData> {
  if (typeof image !== "string")
    return { data: image, mediaType: checkInputImage(image, "(bytes)") };
  const size = await stat(image).then(
    (info) => info.size,
    () => {
      throw new InvalidInputError(`Cannot read the init image ${image}: no such file, or no permission.`);
    },
  );
  // Refuse a huge file before reading it into memory.
  if (size > maxInputImageBytes) checkInputImage(new Uint8Array(0), image, size);
  const data = await readFile(image);
  return { data, mediaType: checkInputImage(data, image) };
}
