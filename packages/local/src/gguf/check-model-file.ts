/**
 * Checks a model file before llama.cpp loads it: that it exists, is GGUF, is complete, and
 * fits in the memory that is free. Each failure is a `ModelFileError` naming the file.
 */
import { stat } from "node:fs/promises";
import { freemem } from "node:os";
import { ModelFileError } from "@path/core";
import { formatBytes } from "../format-bytes.js";
import { GgufFormatError, type GgufHeader, readGgufHeader } from "./read-gguf-header.js";

export interface CheckedModelFile {
  path: string;
  bytes: number;
  header: GgufHeader;
}

/** Reads and checks the header; throws `ModelFileError` for a missing, foreign or cut-off file. */
export async function checkModelFile(path: string): Promise<CheckedModelFile> {
  let bytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error("not a file");
    bytes = info.size;
  } catch (error) {
    throw new ModelFileError(
      path,
      "missing",
      `No model file at ${path}. Check the path, or name a catalog model (npm run local -- models list).`,
      error,
    );
  }
  let header: GgufHeader;
  try {
    header = await readGgufHeader(path);
  } catch (error) {
    if (!(error instanceof GgufFormatError)) throw error;
    throw new ModelFileError(
      path,
      "not-gguf",
      `${path} is not a GGUF model file: ${error.message}.`,
      error,
    );
  }
  const expected = header.expectedFileSize;
  if (expected !== undefined && bytes < expected) {
    const percent = Math.floor((bytes / expected) * 100);
    throw new ModelFileError(
      path,
      "truncated",
      `${path} is truncated: it has ${formatBytes(bytes)} but its tensors need ${formatBytes(expected)} (${percent}% there). Delete it and download it again.`,
    );
  }
  return { path, bytes, header };
}

/**
 * Refuses a model that would not fit in free memory, with the numbers. llama.cpp maps the
 * file and adds its context on top, so the file size plus a margin is the least it needs.
 */
export function checkFreeMemory(path: string, bytes: number, free = freemem()): void {
  const needed = Math.round(bytes * 1.1) + 64 * 1024 * 1024;
  if (needed <= free) return;
  throw new ModelFileError(
    path,
    "too-large",
    `${path} needs about ${formatBytes(needed)} of memory but only ${formatBytes(free)} is free. Close other programs, pick a smaller model (e.g. qwen2.5-0.5b-instruct), or pass checkMemory: false to try anyway.`,
  );
}
