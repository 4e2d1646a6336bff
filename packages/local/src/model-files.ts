/**
 * From a model id to a model file on disk. Files already in the cache are used without any
 * network call, so everything works offline once a model has been pulled; anything else is
 * downloaded from the hub (or `HF_ENDPOINT`), verified, and cached.
 */
import { mkdir, stat, statfs } from "node:fs/promises";
import { basename, dirname } from "node:path";
import {
  type DownloadProgress,
  downloadFile,
  InvalidInputError,
  ModelFileError,
  PathError,
} from "@path/core";
import { formatBytes } from "@path/kit-cli";
import { downloadEventReporter } from "./download-events.js";
import { hubHints } from "./hub-errors.js";
import {
  type HubFile,
  type HubSettings,
  hubDownloadUrl,
  hubFileInfo,
  hubHeaders,
  listHubFiles,
} from "./hugging-face-hub.js";
import { findCachedQuantisation, hubCachePath } from "./model-cache.js";
import { describeReference, parseModelReference } from "./model-reference.js";

export interface ModelFilesSettings {
  cacheDir: string;
  hub: HubSettings;
  /** False: only files already on disk; a missing one is an error saying how to pull it. */
  allowDownload: boolean;
}

export interface ResolveOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

export interface ResolvedModelFile {
  path: string;
  /** For messages and `response.modelId`: the catalog id, or the file name. */
  name: string;
  /** True when this call downloaded (some of) the file. */
  downloaded: boolean;
}

export async function resolveModelFile(
  id: string,
  settings: ModelFilesSettings,
  options: ResolveOptions = {},
): Promise<ResolvedModelFile> {
  const reference = parseModelReference(id);
  const name = describeReference(reference);
  switch (reference.kind) {
    case "file":
      return { path: reference.path, name: basename(reference.path), downloaded: false };
    case "catalog":
      return ensureHubFile(
        settings,
        reference.model.repo,
        reference.model.file,
        reference.model.id,
        options,
      );
    case "hub":
      return ensureHubFile(settings, reference.repo, reference.file, name, options);
    case "hub-quant": {
      const cached = await findCachedQuantisation(
        settings.cacheDir,
        reference.repo,
        reference.quantisation,
      );
      if (cached) return { path: cached, name, downloaded: false };
      refuseWithoutDownload(settings, name, hubCachePath(settings.cacheDir, reference.repo, ""));
      const files = await listHubFiles(settings.hub, reference.repo, options.signal);
      const file = pickQuantisation(reference.repo, reference.quantisation, files);
      return ensureHubFile(settings, reference.repo, file.path, name, options, file);
    }
  }
}

async function ensureHubFile(
  settings: ModelFilesSettings,
  repo: string,
  file: string,
  name: string,
  options: ResolveOptions,
  known?: HubFile,
): Promise<ResolvedModelFile> {
  const destination = hubCachePath(settings.cacheDir, repo, file);
  if (await isFile(destination)) return { path: destination, name, downloaded: false };
  refuseWithoutDownload(settings, name, destination);
  const info = known ?? (await hubFileInfo(settings.hub, repo, file, options.signal));
  await mkdir(dirname(destination), { recursive: true });
  await checkDiskSpace(dirname(destination), info.size, name);
  const reporter = downloadEventReporter(name);
  const host = new URL(settings.hub.endpoint).host;
  reporter.notice(
    `Downloading ${name}${info.size ? ` (${formatBytes(info.size)})` : ""} from ${host} to ${destination}; later runs reuse it.`,
  );
  if (!info.sha256)
    reporter.notice(`${host} publishes no SHA-256 for ${file}; only its size is checked.`);
  const result = await downloadFile({
    url: hubDownloadUrl(settings.hub, repo, file),
    destination,
    expectedSize: info.size,
    expectedSha256: info.sha256,
    headers: hubHeaders(settings.hub),
    signal: options.signal,
    hints: hubHints,
    fetch: settings.hub.fetch,
    onProgress: (progress) => {
      reporter.progress(progress);
      options.onProgress?.(progress);
    },
  });
  reporter.notice(`${name} is ready: ${formatBytes(result.bytes)} verified.`);
  return { path: result.path, name, downloaded: !result.reused };
}

function refuseWithoutDownload(
  settings: ModelFilesSettings,
  name: string,
  destination: string,
): void {
  if (settings.allowDownload) return;
  throw new ModelFileError(
    destination,
    "missing",
    `${name} is not downloaded yet and downloads are turned off: run \`npm run local -- pull ${name}\` where there is internet, or point GENAI_LOCAL_MODEL at a .gguf file.`,
  );
}

function pickQuantisation(repo: string, quantisation: string, files: HubFile[]): HubFile {
  const ggufs = files.filter((file) => file.path.toLowerCase().endsWith(".gguf"));
  const token = new RegExp(`(^|[-._/])${quantisation}([-._]|$)`, "i");
  const matching = ggufs.filter((file) => token.test(file.path));
  const whole = matching.filter((file) => !/-\d{5}-of-\d{5}\.gguf$/i.test(file.path));
  if (whole.length > 0) return whole.sort((a, b) => a.path.length - b.path.length)[0]!;
  if (matching.length > 0) {
    throw new InvalidInputError(
      `${repo}'s ${quantisation} is split into several files, which this provider does not join; pick a smaller quantisation or a single file (hf:${repo}/<file>.gguf).`,
    );
  }
  const available = [
    ...new Set(
      ggufs
        .map((file) =>
          /(I?Q\d[A-Z0-9_]*|[BF]F?16|F32)/i.exec(basename(file.path))?.[0]?.toUpperCase(),
        )
        .filter(Boolean),
    ),
  ];
  throw new InvalidInputError(
    `${repo} has no ${quantisation} GGUF file.` +
      (available.length > 0 ? ` Available: ${available.join(", ")}.` : " It has no GGUF files."),
  );
}

async function checkDiskSpace(
  folder: string,
  bytes: number | undefined,
  name: string,
): Promise<void> {
  if (bytes === undefined) return;
  const info = await statfs(folder).catch(() => undefined);
  if (!info) return;
  const free = info.bavail * info.bsize;
  if (free >= bytes * 1.02) return;
  throw new PathError(
    "not-enough-disk",
    `${name} needs ${formatBytes(bytes)} but only ${formatBytes(free)} is free in ${folder}. Free some space or set GENAI_CACHE_DIR to a bigger disk.`,
  );
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}
