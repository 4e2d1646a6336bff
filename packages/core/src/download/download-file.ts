/**
 * A download a person can trust: written to `<destination>.part`, resumed with HTTP Range
 * after an interruption (in this process or the next), checked against the expected size
 * and SHA-256, renamed into place only when complete, and never run twice at once for the
 * same file (a lock file makes a second process wait, then reuse the finished file).
 */
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ApiCallError, ModelFileError } from "../errors.js";
import { type RetryOptions, withRetry } from "../retry.js";
import type { DownloadHints } from "./download-errors.js";
import { withFileLock } from "./file-lock.js";
import { type DownloadProgress, ProgressMeter } from "./progress-meter.js";
import { interruptions, transferToPart } from "./transfer-to-part.js";

export interface DownloadFileOptions {
  url: string | URL;
  /** The final path. Parent folders are created. */
  destination: string;
  /** Fail (and delete the partial file) when the file is not exactly this size. */
  expectedSize?: number;
  /** Lowercase or uppercase hex. Fail (and delete the file) when the bytes do not match. */
  expectedSha256?: string;
  /** Request headers, e.g. `authorization`. Dropped on a redirect to another origin… */
  headers?: Record<string, string>;
  /** …except these (any case), for hosts that need a token on their storage redirect too. */
  keepHeadersAcrossOrigins?: string[];
  /** Stops the download; the partial file is kept so the next call resumes. */
  signal?: AbortSignal;
  /** Called about every 100 ms and once at the end. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Time allowed until the server answers, per attempt. Default 15 s. */
  connectTimeoutMs?: number;
  /** Longest gap between two chunks of the body before the attempt counts as cut. Default 30 s. */
  stallTimeoutMs?: number;
  /** Extra attempts after a dropped connection, a stall or a 5xx/429, each resuming. Default 3. */
  retries?: number;
  /** Called before each extra attempt with the wait chosen by core's backoff. */
  onRetry?: RetryOptions["onRetry"];
  /** Advice added to errors (offline, unauthorised). */
  hints?: DownloadHints;
  /** Custom fetch (tests, instrumentation). Default: global fetch, through a proxy when one is set. */
  fetch?: typeof globalThis.fetch;
}

export interface DownloadFileResult {
  path: string;
  bytes: number;
  /** The SHA-256 of the file, when this call downloaded it (undefined when it was reused). */
  sha256: string | undefined;
  /** True when the file was already complete and no byte was downloaded. */
  reused: boolean;
  /** Bytes that came from earlier, interrupted attempts (0 for a download in one go). */
  resumedFrom: number;
}

/** Waits between attempts: core's backoff with jitter, shorter than a call's (a resume is cheap). */
export const downloadBackoff = { initialDelayMs: 300, maxDelayMs: 5_000 };

/** Downloads `url` to `destination`; see {@link DownloadFileOptions}. */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadFileResult> {
  const destination = resolve(options.destination);
  await mkdir(dirname(destination), { recursive: true });
  const existing = await completeSize(destination, options.expectedSize);
  if (existing !== undefined) return reused(destination, existing);
  return withFileLock(`${destination}.lock`, options.signal, async () => {
    // Another process may have finished it while this one waited for the lock.
    const finished = await completeSize(destination, options.expectedSize);
    if (finished !== undefined) return reused(destination, finished);
    return downloadLocked(destination, options);
  });
}

async function downloadLocked(
  destination: string,
  options: DownloadFileOptions,
): Promise<DownloadFileResult> {
  const partPath = `${destination}.part`;
  const meter = new ProgressMeter(options.onProgress);
  return withRetry(
    async () => {
      const outcome = await transferToPart({
        url: new URL(options.url),
        partPath,
        destination,
        expectedSize: options.expectedSize,
        headers: options.headers ?? {},
        keepHeadersAcrossOrigins: options.keepHeadersAcrossOrigins ?? [],
        signal: options.signal,
        connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
        stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
        fetch: options.fetch,
        hints: options.hints ?? {},
        meter,
      });
      const sha256 = outcome.hash.digest("hex");
      const bytes = await verify(partPath, destination, sha256, options);
      await rename(partPath, destination);
      meter.emit();
      return { path: destination, bytes, sha256, reused: false, resumedFrom: outcome.keptBytes };
    },
    {
      ...downloadBackoff,
      maxRetries: options.retries ?? 3,
      signal: options.signal,
      shouldRetry,
      onRetry: options.onRetry,
    },
  );
}

async function verify(
  partPath: string,
  destination: string,
  sha256: string,
  options: DownloadFileOptions,
): Promise<number> {
  const bytes = (await stat(partPath)).size;
  if (options.expectedSize !== undefined && bytes !== options.expectedSize) {
    await rm(partPath, { force: true });
    throw new ModelFileError(
      destination,
      "size-mismatch",
      `The download of ${destination} has ${bytes} bytes, but ${options.expectedSize} were expected; the partial file was deleted. Try again.`,
    );
  }
  const expected = options.expectedSha256?.toLowerCase();
  if (expected !== undefined && sha256 !== expected) {
    await rm(partPath, { force: true });
    throw new ModelFileError(
      destination,
      "checksum-mismatch",
      `The download of ${destination} does not match its published SHA-256 (expected ${expected}, got ${sha256}); the file was deleted. Try again; if it keeps happening, the server or mirror serves a different file.`,
    );
  }
  return bytes;
}

function shouldRetry(error: unknown): boolean {
  if (typeof error === "object" && error !== null && interruptions.has(error)) return true;
  return error instanceof ApiCallError && error.isRetryable;
}

async function completeSize(
  path: string,
  expectedSize: number | undefined,
): Promise<number | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    return expectedSize === undefined || info.size === expectedSize ? info.size : undefined;
  } catch {
    return undefined;
  }
}

function reused(path: string, bytes: number): DownloadFileResult {
  return { path, bytes, sha256: undefined, reused: true, resumedFrom: 0 };
}
