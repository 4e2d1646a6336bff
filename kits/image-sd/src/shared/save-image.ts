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
import { saveOrRecover } from "@path/kit-cli";
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
  /** Why the picture could not go into the folder asked for; `path` is in the recovery folder. */
  recovered?: string;
}

export interface SaveImageOptions {
  directory: string;
  /** The name without extension; default: date, prompt slug, index and seed. */
  stem?: string;
  /** The prompt as the person wrote it (with any --flags). */
  promptAsWritten: string;
  /** The init image, for image-to-image. */
  initImage?: string;
  /** The words the file is named after; default the prompt (a built prompt starts with tags). */
  nameAfter?: string;
}

/**
 * Saves picture `index` of a result with its parameters; never overwrites. When the folder cannot
 * be written the picture goes to the recovery folder instead (see `recovered`): it was paid for.
 */
export async function saveImage(
  result: GenerateImageResult,
  index: number,
  options: SaveImageOptions,
): Promise<SavedImage> {
  const image = result.images[index]!;
  const parameters = formatWebuiParameters(webuiParametersFor(result, index));
  const isPng = image.mediaType === "image/png";
  const bytes = isPng ? addPngText(image.bytes, { parameters }) : image.bytes;
  const stem =
    options.stem ??
    imageStem(options.nameAfter ?? result.request.prompt, index + 1, image.seed ?? undefined);
  // Only what the provider applied; a setting it warned about did not shape the picture.
  const dropped = new Set(result.warnings.map((warning) => warning.setting));
  const applied = <T>(setting: string, value: T | undefined) =>
    dropped.has(setting) ? null : (value ?? null);
  const { request } = result;
  const sidecar = {
    parameters,
    prompt: request.prompt,
    promptAsWritten: options.promptAsWritten,
    negativePrompt: applied("negativePrompt", request.negativePrompt),
    revisedPrompt: result.revisedPrompt ?? null,
    provider: result.provider,
    model: result.modelId,
    seed: image.seed ?? null,
    width: image.width,
    height: image.height,
    steps: applied("steps", request.steps),
    guidance: applied("guidance", request.guidance),
    strength: applied("strength", request.strength),
    initImage: applied("image", request.initImage ? options.initImage : undefined),
    providerParameters: result.parameters,
    durationMs: result.durationMs,
    createdAt: new Date().toISOString(),
    warnings: result.warnings.map((warning) => warning.message),
  };
  const saved = await saveOrRecover(
    options.directory,
    stem,
    [
      { extension: extensionFor(image.mediaType), data: bytes },
      { extension: "json", data: `${JSON.stringify(sidecar, null, 2)}\n` },
    ],
    { separator: "_" },
  );
  const [path, sidecarPath] = saved.paths;
  return {
    path: path!,
    sidecarPath: sidecarPath!,
    width: image.width,
    height: image.height,
    seed: image.seed,
    mediaType: image.mediaType,
    parameters,
    recovered: saved.recovered?.reason,
  };
}
