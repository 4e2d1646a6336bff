/**
 * From a voice id to the files sherpa-onnx needs: a catalog voice (downloaded once into the
 * model cache, like the embedded LLM's models), or a folder / `.onnx` file on disk with its
 * `tokens.txt` (and `lexicon.txt`, `*.fst` rules when present) beside it.
 */
import { mkdir, readdir, rm, stat, statfs } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { downloadFile, InvalidInputError, ModelFileError, PathError } from "@path/core";
import { formatBytes } from "@path/kit-cli";
import { downloadEventReporter } from "../download-events.js";
import { hubHints } from "../hub-errors.js";
import { hubDownloadUrl, hubFileInfo, hubHeaders } from "../hugging-face-hub.js";
import { hubCachePath } from "../model-cache.js";
import type { ModelFilesSettings, ResolveOptions } from "../model-files.js";
import {
  type CatalogVoice,
  catalogVoiceFiles,
  findCatalogVoice,
  voiceCatalog,
} from "./voice-catalog.js";

export interface VoiceFiles {
  /** For messages and `response.modelId`: the catalog id, or the model file's path. */
  name: string;
  model: string;
  tokens: string;
  lexicon?: string;
  ruleFsts: string[];
  /** True when this call downloaded (some of) the files. */
  downloaded: boolean;
}

export function isVoiceReference(id: string): boolean {
  const trimmed = id.trim();
  return findCatalogVoice(trimmed) !== undefined || /\.onnx$/i.test(trimmed);
}

export async function resolveVoiceFiles(
  id: string,
  settings: ModelFilesSettings,
  options: ResolveOptions = {},
): Promise<VoiceFiles> {
  const voice = findCatalogVoice(id);
  if (voice) return ensureCatalogVoice(voice, settings, options);
  const trimmed = id.trim();
  if (/[/\\]/.test(trimmed) || trimmed.startsWith("~") || /\.onnx$/i.test(trimmed)) {
    return voiceOnDisk(resolve(trimmed.replace(/^~(?=$|[/\\])/, homedir())));
  }
  throw new InvalidInputError(
    `Unknown local voice "${trimmed}". Use ${voiceCatalog.map((entry) => `local:${entry.id}`).join(", ")}, or a folder holding a sherpa-onnx VITS voice (model.onnx and tokens.txt).`,
  );
}

/** The catalog voice's paths in the cache (whether or not they are there yet). */
export function catalogVoicePaths(voice: CatalogVoice, cacheDir: string): VoiceFiles {
  const path = (file: string) => hubCachePath(cacheDir, voice.repo, file);
  return {
    name: voice.id,
    model: path(voice.model),
    tokens: path(voice.tokens),
    lexicon: voice.lexicon ? path(voice.lexicon) : undefined,
    ruleFsts: voice.ruleFsts.map(path),
    downloaded: false,
  };
}

async function ensureCatalogVoice(
  voice: CatalogVoice,
  settings: ModelFilesSettings,
  options: ResolveOptions,
): Promise<VoiceFiles> {
  const files = catalogVoiceFiles(voice);
  const missing: string[] = [];
  for (const file of files) {
    if (!(await isFile(hubCachePath(settings.cacheDir, voice.repo, file)))) missing.push(file);
  }
  const paths = catalogVoicePaths(voice, settings.cacheDir);
  if (missing.length === 0) return paths;
  if (!settings.allowDownload) {
    throw new ModelFileError(
      paths.model,
      "missing",
      `The voice ${voice.id} is not downloaded yet and downloads are turned off: run \`npm run local -- pull ${voice.id}\` where there is internet.`,
    );
  }
  const infos = [];
  for (const file of missing)
    infos.push(await hubFileInfo(settings.hub, voice.repo, file, options.signal));
  const total = infos.every((info) => info.size !== undefined)
    ? infos.reduce((sum, info) => sum + (info.size ?? 0), 0)
    : undefined;
  await mkdir(dirname(paths.model), { recursive: true });
  await checkDiskSpace(dirname(paths.model), total ?? voice.bytes, voice.id);
  const reporter = downloadEventReporter(voice.id);
  const host = new URL(settings.hub.endpoint).host;
  reporter.notice(
    `Downloading the voice ${voice.id}${total ? ` (${formatBytes(total)})` : ""} from ${host} to ${dirname(paths.model)}; later runs reuse it.`,
  );
  let done = 0;
  for (const info of infos) {
    const result = await downloadFile({
      url: hubDownloadUrl(settings.hub, voice.repo, info.path),
      destination: hubCachePath(settings.cacheDir, voice.repo, info.path),
      expectedSize: info.size,
      expectedSha256: info.sha256,
      headers: hubHeaders(settings.hub),
      signal: options.signal,
      hints: hubHints,
      fetch: settings.hub.fetch,
      onProgress: (progress) => {
        const whole = {
          ...progress,
          downloadedBytes: done + progress.downloadedBytes,
          totalBytes: total,
        };
        reporter.progress(whole);
        options.onProgress?.(whole);
      },
    });
    done += result.bytes;
  }
  reporter.notice(`The voice ${voice.id} is ready: ${formatBytes(done)} verified.`);
  return { ...paths, downloaded: true };
}

async function voiceOnDisk(path: string): Promise<VoiceFiles> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new ModelFileError(
      path,
      "missing",
      `${path} does not exist: give a folder holding a sherpa-onnx voice (model.onnx and tokens.txt) or its .onnx file.`,
    );
  }
  const folder = info.isDirectory() ? path : dirname(path);
  const names = await readdir(folder);
  const model = info.isDirectory() ? findModel(folder, names) : path;
  if (!names.includes("tokens.txt")) {
    throw new ModelFileError(
      join(folder, "tokens.txt"),
      "missing",
      `${folder} has no tokens.txt, which sherpa-onnx needs beside the voice's model; copy the voice's whole folder.`,
    );
  }
  return {
    name: model,
    model,
    tokens: join(folder, "tokens.txt"),
    lexicon: names.includes("lexicon.txt") ? join(folder, "lexicon.txt") : undefined,
    ruleFsts: ["phone.fst", "date.fst", "number.fst"]
      .filter((name) => names.includes(name))
      .map((name) => join(folder, name)),
    downloaded: false,
  };
}

function findModel(folder: string, names: string[]): string {
  if (names.includes("model.onnx")) return join(folder, "model.onnx");
  const models = names.filter((name) => name.toLowerCase().endsWith(".onnx"));
  if (models.length === 1) return join(folder, models[0]!);
  throw new ModelFileError(
    folder,
    "missing",
    models.length === 0
      ? `${folder} holds no .onnx model: give a folder with a sherpa-onnx voice (model.onnx and tokens.txt).`
      : `${folder} holds several .onnx files (${models.join(", ")}): name the voice's model file, e.g. local:${join(folder, models[0]!)}.`,
  );
}

async function checkDiskSpace(folder: string, bytes: number, name: string): Promise<void> {
  const info = await statfs(folder).catch(() => undefined);
  if (!info) return;
  const free = info.bavail * info.bsize;
  if (free >= bytes * 1.02) return;
  throw new PathError(
    "not-enough-disk",
    `The voice ${name} needs ${formatBytes(bytes)} but only ${formatBytes(free)} is free in ${folder}. Free some space or set GENAI_CACHE_DIR to a bigger disk.`,
  );
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** Whether a catalog voice is complete in the cache (its model is downloaded last). */
export async function isVoiceDownloaded(voice: CatalogVoice, cacheDir: string): Promise<boolean> {
  return isFile(catalogVoicePaths(voice, cacheDir).model);
}

/** Deletes a catalog voice's files (and unfinished downloads of them); says whether it was there. */
export async function removeVoice(voice: CatalogVoice, cacheDir: string): Promise<boolean> {
  const present = await isVoiceDownloaded(voice, cacheDir);
  for (const file of catalogVoiceFiles(voice)) {
    const path = hubCachePath(cacheDir, voice.repo, file);
    await rm(path, { force: true });
    await rm(`${path}.part`, { force: true });
  }
  return present;
}
