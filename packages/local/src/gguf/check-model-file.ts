/**
 * Checks a model file before llama.cpp loads it: that it exists, is GGUF, is complete, and
 * fits in the memory that is free. Each failure is a `ModelFileError` naming the file. The
 * header is read by node-llama-cpp's own GGUF reader.
 */
import { stat } from "node:fs/promises";
import { freemem } from "node:os";
import { ModelFileError } from "@path/core";
import { formatBytes } from "@path/kit-cli";
import type { GgufFileInfo, GgufInsights, Llama } from "node-llama-cpp";
import { defaultThreads, getLlamaRuntime } from "../llama-runtime.js";
import { notGgufReason } from "./not-gguf-reason.js";

export interface CheckedModelFile {
  path: string;
  bytes: number;
  info: GgufFileInfo;
  /** Parameters and tensor sizes from the header; undefined when llama.cpp does not know a tensor type. */
  insights: GgufInsights | undefined;
}

/**
 * Reads and checks the header; throws `ModelFileError` for a missing, foreign or cut-off file.
 * Tensor sizes come from llama.cpp itself, so `llama` is asked for only once the cheap checks
 * pass. It must be the process's runtime: a second, slim llama.cpp instance would take over
 * its log callback and llama.cpp's lines would go straight to stderr.
 */
export async function checkModelFile(
  path: string,
  llama: () => Promise<Llama> = () => getLlamaRuntime({ threads: defaultThreads(), gpu: "auto" }),
): Promise<CheckedModelFile> {
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
  const notGguf = (reason: string, cause?: unknown) =>
    new ModelFileError(path, "not-gguf", `${path} is not a GGUF model file: ${reason}.`, cause);
  const reason = await notGgufReason(path);
  if (reason) throw notGguf(reason);

  const { readGgufFileInfo, GgufInsights } = await import("node-llama-cpp");
  let info: GgufFileInfo;
  try {
    // One file of a split model describes its own tensors only, so its size is checked alone.
    info = await readGgufFileInfo(path, { logWarnings: false, spliceSplitFiles: false });
  } catch (error) {
    throw notGguf(`its header cannot be read (${(error as Error).message})`, error);
  }
  // The reader reads past the end of a cut file as zeros, so a cut header still "parses".
  if (info.infoEndOffset === undefined || info.infoEndOffset > bytes)
    throw notGguf("the header runs past the end of the file");

  const insights = await llama()
    .then((runtime) => GgufInsights.from(info, runtime))
    .catch(() => undefined);
  const expected = insights && (info.infoEndOffset ?? 0) + insights.modelSize;
  if (expected !== undefined && bytes < expected) {
    const percent = Math.floor((bytes / expected) * 100);
    throw new ModelFileError(
      path,
      "truncated",
      `${path} is truncated: it has ${formatBytes(bytes)} but its tensors need ${formatBytes(expected)} (${percent}% there). Delete it and download it again.`,
    );
  }
  return { path, bytes, info, insights };
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
