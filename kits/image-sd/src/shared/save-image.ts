/**
 * Saving a generated picture so it can be made again: the WebUI `parameters` text goes into the
 * PNG itself (WebUI's "PNG Info" tab and Civitai read it), and a sidecar JSON beside it holds
 * the same plus the provider, model, timing and warnings.
 */
import {
  addPngText,
  extensionFor,
  formatWebuiParameters,
  type GenerateImageResult,
  webuiParametersFor,
} from "@path/core";
import { saveUnderFreeName } from "@path/kit-cli";
import { imageStem } from "./output-names.js";

export interface SavedImage {
  path: string;
  sidecarPath: string;
  width: number;
  height: number;
  seed?: number;
  mediaType: string;
  /** The `parameters` text written into the picture (and the sidecar). */
  parameters: string;
}

export interface SaveImageOptions {
  directory: string;
  /** The name without extension; default: date, prompt slug, index and seed. */
  stem?: string;
  /** The prompt as the person wrote it (with any --flags). */
  promptAsWritten: string;
  /** The init image, for image-to-image. */
  initImage?: string;
}

/** Saves picture `index` of a result with its parameters; never overwrites. */
export async function saveImage(
  result: GenerateImageResult,
  index: number,
  options: SaveImageOptions,
): Promise<SavedImage> {
  const image = result.images[index]!;
  const parameters = formatWebuiParameters(webuiParametersFor(result, index));
  const isPng = image.mediaType === "image/png";
  const bytes = isPng ? addPngText(image.bytes, { parameters }) : image.bytes;
  const stem = options.stem ?? imageStem(result.request.prompt, index + 1, image.seed ?? undefined);
  const sidecar = {
    parameters,
    prompt: result.request.prompt,
    promptAsWritten: options.promptAsWritten,
    negativePrompt: result.request.negativePrompt ?? null,
    revisedPrompt: result.revisedPrompt ?? null,
    provider: result.provider,
    model: result.modelId,
    seed: image.seed ?? null,
    width: image.width,
    height: image.height,
    steps: result.request.steps ?? null,
    guidance: result.request.guidance ?? null,
    strength: result.request.strength ?? null,
    initImage: options.initImage ?? null,
    providerParameters: result.parameters,
    durationMs: result.durationMs,
    createdAt: new Date().toISOString(),
    warnings: result.warnings.map((warning) => warning.message),
  };
  const [path, sidecarPath] = await saveUnderFreeName(
    options.directory,
    stem,
    [
      { extension: extensionFor(image.mediaType), data: bytes },
      { extension: "json", data: `${JSON.stringify(sidecar, null, 2)}\n` },
    ],
    { separator: "_" },
  );
  return {
    path: path!,
    sidecarPath: sidecarPath!,
    width: image.width,
    height: image.height,
    seed: image.seed,
    mediaType: image.mediaType,
    parameters,
  };
}
