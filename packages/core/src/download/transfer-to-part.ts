/**
 * One attempt at moving bytes into `<destination>.part`: resumes with `Range` when part of
 * the file is already there, restarts when the server ignores the range, and fails with a
 * resumable error when the connection drops or stalls mid-way.
 */
import type { Hash } from "node:crypto";
import { createHash } from "node:crypto";
import { open, rm, stat } from "node:fs/promises";
import { durationText } from "../duration-text.js";
import { ConnectionError, ModelFileError } from "../errors.js";
import { aborted, type DownloadHints, httpFailure } from "./download-errors.js";
import { hashFileInto } from "./file-sha256.js";
import { openResponse } from "./open-response.js";
import type { ProgressMeter } from "./progress-meter.js";

export interface TransferOptions {
  url: URL;
  partPath: string;
  /** Where the file will end up (for messages). */
  destination: string;
  expectedSize: number | undefined;
  headers: Record<string, string>;
  keepHeadersAcrossOrigins: string[];
  signal: AbortSignal | undefined;
  connectTimeoutMs: number;
  stallTimeoutMs: number;
  fetch: typeof globalThis.fetch | undefined;
  hints: DownloadHints;
  meter: ProgressMeter;
}

export interface TransferOutcome {
  /** SHA-256 over the whole part file. */
  hash: Hash;
  /** Bytes that were already in the part file when this attempt started. */
  keptBytes: number;
}

/** Errors after which another attempt resumes where this one stopped. */
export const interruptions = new WeakSet<object>();

export async function transferToPart(options: TransferOptions): Promise<TransferOutcome> {
  let kept = await sizeOf(options.partPath);
  if (options.expectedSize !== undefined && kept > options.expectedSize) {
    await rm(options.partPath, { force: true });
    kept = 0;
  }
  if (options.expectedSize !== undefined && kept === options.expectedSize && kept > 0) {
    return { hash: await hashOfPart(options.partPath, kept), keptBytes: kept };
  }

  const transfer = new AbortController();
  const onAbort = () => transfer.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const { response, url } = await openResponse(options.url, {
      headers: kept > 0 ? { ...options.headers, range: `bytes=${kept}-` } : options.headers,
      keepHeadersAcrossOrigins: options.keepHeadersAcrossOrigins,
      signal: transfer.signal,
      connectTimeoutMs: options.connectTimeoutMs,
      fetch: options.fetch,
      hints: options.hints,
    });
    const range = contentRange(response.headers.get("content-range"));
    if (response.status === 416 && kept > 0) {
      await response.body?.cancel();
      if (range?.total === kept)
        return { hash: await hashOfPart(options.partPath, kept), keptBytes: kept };
      await rm(options.partPath, { force: true });
      throw interruption(url, "the partial file did not match the server's; starting over");
    }
    if (!response.ok) throw httpFailure(url, response, await bodyText(response), options.hints);
    const resuming = response.status === 206 && range?.start === kept;
    if (response.status === 206 && !resuming) {
      // A range other than the one asked for: the bytes cannot be placed, so start over.
      await response.body?.cancel();
      await rm(options.partPath, { force: true });
      throw interruption(url, "the server answered with a different byte range; starting over");
    }
    if (!resuming) kept = 0;
    const lengthHeader = response.headers.get("content-length");
    const total = range?.total ?? (lengthHeader === null ? undefined : kept + Number(lengthHeader));
    if (
      options.expectedSize !== undefined &&
      total !== undefined &&
      total !== options.expectedSize
    ) {
      await response.body?.cancel();
      throw new ModelFileError(
        options.destination,
        "size-mismatch",
        `${url.host} serves ${total} bytes for ${options.destination}, but ${options.expectedSize} were expected; the file on the server is not the one asked for.`,
      );
    }
    const hash = resuming ? await hashOfPart(options.partPath, kept) : createHash("sha256");
    options.meter.reset(kept, total ?? options.expectedSize);
    const written = await writeBody(response, hash, options, transfer, resuming);
    if (total !== undefined && kept + written < total) {
      throw interruption(url, `the connection closed after ${kept + written} of ${total} bytes`);
    }
    return { hash, keptBytes: kept };
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}

async function writeBody(
  response: Response,
  hash: Hash,
  options: TransferOptions,
  transfer: AbortController,
  append: boolean,
): Promise<number> {
  const file = await open(options.partPath, append ? "a" : "w");
  let written = 0;
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const armStallTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      transfer.abort();
    }, options.stallTimeoutMs);
  };
  try {
    armStallTimer();
    for await (const chunk of response.body ?? []) {
      armStallTimer();
      await file.write(chunk);
      hash.update(chunk);
      written += chunk.length;
      options.meter.add(chunk.length);
    }
    return written;
  } catch (error) {
    if (options.signal?.aborted) throw aborted();
    const reason = stalled
      ? `no data for ${durationText(options.stallTimeoutMs)}`
      : "the connection dropped";
    throw interruption(options.url, `${reason} after ${written} new bytes`, error);
  } finally {
    clearTimeout(timer);
    await file.close();
  }
}

function interruption(url: URL, message: string, cause?: unknown): ConnectionError {
  const error = new ConnectionError(
    url.host,
    `${message}; the partial download is kept and the next attempt resumes it`,
    cause,
  );
  interruptions.add(error);
  return error;
}

async function hashOfPart(path: string, length: number): Promise<Hash> {
  const hash = createHash("sha256");
  await hashFileInto(hash, path, length);
  return hash;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function contentRange(header: string | null): { start?: number; total?: number } | undefined {
  const match = /^bytes (?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(header?.trim() ?? "");
  if (!match) return undefined;
  return {
    start: match[1] === undefined ? undefined : Number(match[1]),
    total: match[2] === "*" ? undefined : Number(match[2]),
  };
}

async function bodyText(response: Response): Promise<string> {
  try {
    return (await response.text()).slice(0, 2000);
  } catch {
    return "";
  }
}
