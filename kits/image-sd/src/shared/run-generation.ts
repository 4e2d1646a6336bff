/**
 * What `generate` and `img2img` share: make the pictures with a progress line, save each with
 * its parameters, print the paths (or one JSON object), the warnings and a summary line.
 */
import { type GenerateImageOptions, type GenerateImageResult, generateImage } from "@path/core";
import {
  cancelOnCtrlC,
  dim,
  formatDuration,
  outputDirectory,
  printJson,
  progressLine,
} from "@path/kit-cli";
import { type SavedImage, saveImage } from "./save-image.js";

export interface RunGenerationOptions {
  /** `--out`, else ./output of the folder the command was run from. */
  out?: string;
  json?: boolean;
  /** The init image path, for image-to-image. */
  initImage?: string;
  /** The words files are named after; default the prompt. */
  nameAfter?: string;
}

/**
 * `generateImage` with Ctrl-C cancelling it and a dim progress line on stderr
 * ("generating with a1111:default  [####----]  42%"), erased when the pictures are made.
 */
export async function generateWithProgress(
  options: GenerateImageOptions,
): Promise<GenerateImageResult> {
  const progress = progressLine({ dim: true });
  const cancel = cancelOnCtrlC();
  try {
    return await generateImage({ ...options, signal: cancel.signal, onEvent: progress.onEvent });
  } finally {
    progress.end("erase");
    cancel.dispose();
  }
}

export async function runGeneration(
  options: GenerateImageOptions,
  run: RunGenerationOptions,
): Promise<number> {
  // Checked before the call: a folder that cannot be written must not cost a picture.
  const directory = outputDirectory(run.out);
  const result = await generateWithProgress(options);
  const saved: SavedImage[] = [];
  for (const index of result.images.keys()) {
    const file = await saveImage(result, index, {
      directory,
      promptAsWritten: options.prompt,
      initImage: run.initImage,
      nameAfter: run.nameAfter,
    });
    saved.push(file);
    if (!run.json) process.stdout.write(`${file.path}\n`);
  }
  printWarnings(result);
  printRecovered(directory, saved);
  if (run.json) printJson(resultJson(result, saved));
  else process.stderr.write(`${dim(summaryLine(result))}\n`);
  return saved.some((file) => file.recovered) ? 1 : 0;
}

/** Pictures that could not go where asked: where they are instead, before anything else is lost. */
export function printRecovered(
  directory: string,
  saved: { path: string; recovered?: string }[],
): void {
  for (const file of saved.filter((entry) => entry.recovered)) {
    process.stderr.write(
      `error: could not save into ${directory} (${file.recovered}); the picture is kept at ${file.path} — move it somewhere safe, the temp folder is emptied from time to time\n`,
    );
  }
}

export function printWarnings(result: GenerateImageResult): void {
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning.message}\n`);
  if (result.revisedPrompt) {
    process.stderr.write(`${dim(`the provider rewrote the prompt: ${result.revisedPrompt}`)}\n`);
  }
}

/** `openai:gpt-image-1 · 2 pictures 1024x1536 · seeds 42, 43 · 3.1 s` */
export function summaryLine(result: GenerateImageResult): string {
  const sizes = [...new Set(result.images.map((image) => `${image.width}x${image.height}`))];
  const seeds = result.images.map((image) => image.seed).filter((seed) => seed !== undefined);
  const count = result.images.length;
  return [
    `${result.provider}:${result.modelId}`,
    `${count} picture${count === 1 ? "" : "s"} ${sizes.join(", ")}`,
    ...(seeds.length > 0 ? [`seed${seeds.length === 1 ? "" : "s"} ${seeds.join(", ")}`] : []),
    formatDuration(result.durationMs),
  ].join(" · ");
}

export function resultJson(result: GenerateImageResult, saved: SavedImage[]) {
  return {
    files: saved.map((file) => ({
      path: file.path,
      sidecar: file.sidecarPath,
      width: file.width,
      height: file.height,
      seed: file.seed ?? null,
      mediaType: file.mediaType,
      parameters: file.parameters,
      recovered: file.recovered ?? null,
    })),
    provider: result.provider,
    modelId: result.modelId,
    prompt: result.request.prompt,
    revisedPrompt: result.revisedPrompt ?? null,
    durationMs: result.durationMs,
    warnings: result.warnings,
  };
}
