import { readFile, stat } from "node:fs/promises";
import { Call, type CallOptions } from "../call.js";
import { InvalidInputError } from "../errors.js";
import { GeneratedMedia } from "../media/generated-media.js";
import { resolveModel } from "../registry.js";
import type { ImageModel, MediaData, Progress, Warning } from "../spec/index.js";
import {
  applyPromptFlags,
  type FlaggableSettings,
  vendorFlagOptions,
} from "./apply-prompt-flags.js";
import { checkGeneratedImage, checkInputImage, maxInputImageBytes } from "./check-image.js";
import {
  type ImageDimensions,
  parseAspectRatio,
  parseSize,
  sizeForAspectRatio,
} from "./image-size-options.js";
import { parsePromptFlags } from "./prompt-flags.js";

export interface GenerateImageOptions extends CallOptions, FlaggableSettings {
  /** `"provider:modelId"` or a model object; omitted → the default image model. */
  model?: string | ImageModel;
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
  /** What was asked for once prompt flags were applied: the prompt sent (flags removed) and the settings. */
  request: ImageRequestSettings;
}

/** The effective request of a {@link generateImage} call. */
export interface ImageRequestSettings {
  prompt: string;
  negativePrompt?: string;
  n: number;
  size?: ImageDimensions;
  aspectRatio?: string;
  /** The seed asked for (the first image's; the provider may have ignored it, see `warnings`). */
  seed?: number;
  steps?: number;
  guidance?: number;
  strength?: number;
  /** True for image-to-image. */
  initImage: boolean;
}

const defaultTimeoutMs = 300_000;

/** Make images from a prompt (and an init image for image-to-image). */
export async function generateImage(options: GenerateImageOptions): Promise<GenerateImageResult> {
  // Midjourney-style flags in the prompt ("--ar 3:4 --seed 42 --no text"); explicit options win.
  const flags = parsePromptFlags(options.prompt ?? "");
  const applied = applyPromptFlags(options, flags);
  const settings = applied.settings;
  const prompt = settings.prompt.trim();
  if (!prompt) throw new InvalidInputError("The image prompt is empty: describe what to draw.");
  const n = settings.n ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new InvalidInputError(`n must be a whole number from 1 to 64, not ${settings.n}.`);
  if (options.strength !== undefined && !(options.strength >= 0 && options.strength <= 1)) {
    throw new InvalidInputError(`strength must be between 0 and 1, not ${options.strength}.`);
  }
  if (settings.aspectRatio) parseAspectRatio(settings.aspectRatio);
  const ratioUnused =
    settings.size !== undefined &&
    settings.aspectRatio !== undefined &&
    !applied.origins.aspectRatio;
  const givenSize = settings.size ? parseSize(settings.size) : undefined;
  const image = options.image === undefined ? undefined : await readInitImage(options.image);

  const model = await resolveModel("image", options.model);
  const ratioSize =
    givenSize || !settings.aspectRatio
      ? undefined
      : sizeForAspectRatio(settings.aspectRatio, { step: model.sizeStep });
  const size = givenSize ?? (ratioSize && { width: ratioSize.width, height: ratioSize.height });
  const vendor = vendorFlagOptions(flags, model.provider, model.modelId, options.providerOptions);
  const call = new Call(
    "image",
    model.provider,
    model.modelId,
    { ...options, providerOptions: vendor.providerOptions },
    defaultTimeoutMs,
  );
  const onProgress = (progress: Progress) => {
    options.onProgress?.(progress);
    call.emit({ type: "progress", progress });
  };

  const images: GeneratedImage[] = [];
  const warnings: Warning[] = [...applied.warnings, ...vendor.warnings];
  if (ratioUnused) {
    warnings.push({
      type: "other",
      setting: "aspectRatio",
      message: `aspectRatio ${settings.aspectRatio} was not used: the size option sets the size.`,
    });
  }
  if (ratioSize?.warning) warnings.push(ratioSize.warning);
  if (options.strength !== undefined && !image) {
    warnings.push({
      type: "unsupported-setting",
      setting: "strength",
      message: "strength applies only to image-to-image; give an init image or leave it out.",
    });
  }
  const origins: Record<string, string> = { ...applied.origins, ...vendor.origins };
  // A size made from a flagged ratio came from that flag too.
  if (!origins.size && origins.aspectRatio && !settings.size) origins.size = origins.aspectRatio;
  let revisedPrompt: string | undefined;
  const parameters: Record<string, string | number> = {};
  const perCall = model.maxImagesPerCall ?? n;
  for (let made = 0; made < n; made += perCall) {
    const count = Math.min(perCall, n - made);
    // Each batch gets its own seed so batches differ but the whole set stays reproducible.
    const seed = settings.seed === undefined ? undefined : settings.seed + made;
    const result = await call.run((callSettings) =>
      model.doGenerate({
        ...callSettings,
        prompt,
        negativePrompt: settings.negativePrompt,
        n: count,
        size,
        aspectRatio: ratioUnused ? undefined : settings.aspectRatio,
        seed,
        steps: settings.steps,
        guidance: settings.guidance,
        image,
        strength: image ? options.strength : undefined,
        onProgress,
      }),
    );
    // A seed the provider ignored did not make the picture: do not label the picture with it.
    const seedIgnored = result.warnings.some((warning) => warning.setting === "seed");
    const batchSeed = result.response?.seed ?? (seedIgnored ? undefined : seed);
    for (const [index, media] of result.images.entries()) {
      const checked = checkGeneratedImage(media.data, model.provider);
      images.push(
        new GeneratedImage(
          media.data,
          checked.width,
          checked.height,
          batchSeed === undefined ? undefined : batchSeed + index,
        ),
      );
    }
    for (const warning of result.warnings) {
      const origin = warning.setting ? origins[warning.setting] : undefined;
      const shown = origin
        ? { ...warning, message: `${warning.message} (from "${origin}" in the prompt)` }
        : warning;
      if (!warnings.some((known) => known.message === shown.message)) warnings.push(shown);
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
    request: {
      prompt,
      negativePrompt: settings.negativePrompt,
      n,
      size,
      aspectRatio: ratioUnused ? undefined : settings.aspectRatio,
      seed: settings.seed,
      steps: settings.steps,
      guidance: settings.guidance,
      strength: image ? options.strength : undefined,
      initImage: image !== undefined,
    },
  };
}

async function readInitImage(image: Uint8Array | string): Promise<MediaData> {
  if (typeof image !== "string")
    return { data: image, mediaType: checkInputImage(image, "(bytes)") };
  const info = await stat(image).catch(() => {
    throw new InvalidInputError(
      `Cannot read the init image ${image}: no such file, or no permission.`,
    );
  });
  if (info.isDirectory()) {
    throw new InvalidInputError(
      `The init image ${image} is a folder; give a picture file in it (PNG, JPEG, WebP or GIF).`,
    );
  }
  const size = info.size;
  // Refuse a huge file before reading it into memory.
  if (size > maxInputImageBytes) checkInputImage(new Uint8Array(0), image, size);
  const data = await readFile(image);
  return { data, mediaType: checkInputImage(data, image) };
}
