/**
 * Downloads one file of a Civitai model version with core's downloader: resumable (HTTP
 * Range), checked against the SHA-256 Civitai publishes, renamed into place when complete.
 *
 * The token goes to Civitai only. `/api/download/models/{id}` decides there whether the
 * person may download, then answers 307 with a pre-signed storage URL (Cloudflare R2) whose
 * signature is the permission; the downloader drops `Authorization` on that cross-origin hop,
 * which is what the storage host wants (an S3-style host refuses a second auth mechanism).
 */
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  type DownloadProgress,
  downloadFile,
  PathError,
  redactSecrets,
  sha256OfFile,
} from "@path/core";
import { civitaiTokenPage } from "./civitai-settings.js";
import type { CivitaiFile, CivitaiModelVersion } from "./civitai-types.js";
import { safeFileName } from "./primary-file.js";

export interface DownloadModelFileOptions {
  version: CivitaiModelVersion;
  file: CivitaiFile;
  /** The folder the file goes in; created when missing. */
  into: string;
  /** Civitai's origin, e.g. `https://civitai.com` (the download is always asked of it). */
  baseUrl: string;
  token: string | undefined;
  onProgress?: (progress: DownloadProgress) => void;
  /** Called before an existing file is hashed (that takes a while for a 6 GB checkpoint). */
  onCheckingExisting?: (path: string) => void;
  signal?: AbortSignal;
  fetch?: typeof globalThis.fetch;
}

export interface DownloadedModelFile {
  path: string;
  bytes: number;
  /** Lowercase hex. */
  sha256: string;
  /** True when Civitai published a SHA-256 and the file matched it. */
  verified: boolean;
  /** The file was already there, complete and matching; nothing was downloaded. */
  reused: boolean;
  /** Bytes that came from an earlier, interrupted download. */
  resumedFrom: number;
}

export async function downloadModelFile(
  options: DownloadModelFileOptions,
): Promise<DownloadedModelFile> {
  const { file, token } = options;
  const destination = resolve(join(options.into, safeFileName(file.name)));
  const expected = file.hashes?.SHA256?.toLowerCase();

  const existing = await existingFile(destination, expected, options);
  if (existing) return existing;

  const url = downloadUrl(options.baseUrl, options.version.id, file);
  try {
    const result = await downloadFile({
      url,
      destination,
      expectedSha256: expected,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      hints: {
        unauthorized: token
          ? `Civitai refused CIVITAI_TOKEN; check or renew the key at ${civitaiTokenPage}`
          : `the creator of this model requires a login to download it: set CIVITAI_TOKEN to an API key from ${civitaiTokenPage} (Account settings → API Keys)`,
      },
      onProgress: options.onProgress,
      signal: options.signal,
      fetch: options.fetch,
    });
    const sha256 = result.sha256 ?? (await sha256OfFile(result.path));
    return {
      path: result.path,
      bytes: result.bytes,
      sha256,
      verified: expected !== undefined && sha256 === expected,
      reused: result.reused,
      resumedFrom: result.resumedFrom,
    };
  } catch (error) {
    // Belt and braces: core redacts registered keys, but the token must not reach a screen.
    if (token && error instanceof Error && error.message.includes(token)) {
      error.message = redactSecrets(error.message).split(token).join("[redacted]");
    }
    throw error;
  }
}

/** `<baseUrl>/api/download/models/<id>` plus the file selectors (`type`, `format`, …) Civitai gave. */
function downloadUrl(baseUrl: string, versionId: number, file: CivitaiFile): URL {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}/api/download/models/${versionId}`);
  try {
    for (const [name, value] of new URL(file.downloadUrl).searchParams) {
      if (name !== "token") url.searchParams.set(name, value);
    }
  } catch {
    // No usable downloadUrl: the version's primary file is what the bare URL gives.
  }
  return url;
}

/** A complete file already at `destination`: reused when it matches, never overwritten. */
async function existingFile(
  destination: string,
  expected: string | undefined,
  options: DownloadModelFileOptions,
): Promise<DownloadedModelFile | undefined> {
  const size = await stat(destination).then(
    (info) => (info.isFile() ? info.size : undefined),
    () => undefined,
  );
  if (size === undefined) return undefined;
  options.onCheckingExisting?.(destination);
  const sha256 = await sha256OfFile(destination);
  if (expected === undefined || sha256 === expected) {
    return {
      path: destination,
      bytes: size,
      sha256,
      verified: expected !== undefined,
      reused: true,
      resumedFrom: 0,
    };
  }
  throw new PathError(
    "file-exists",
    `${destination} already exists and is not this file (its SHA-256 differs from the one Civitai publishes); it was left alone. Move or delete it, or choose another folder with --into.`,
  );
}
