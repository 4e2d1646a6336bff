/**
 * Quest: what is in this video file?
 *
 *   npm run video -- info output/video-2026-12-04-a-paper-boat.mp4
 *
 * Decodes the file with core's decoder (container, duration, size, codec, fps) and shows what
 * made it from the .json the kit saved beside it (prompt, model, seconds, seed, job, cost).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { decodeVideo, PathError, sniffMediaType } from "@path/core";
import { parseCommandArgs, printJson, readInputFile, UsageError } from "@path/kit-cli";
import { costText, shortKey } from "../shared/job-view.js";
import type { VideoSidecar } from "../shared/video-sidecar.js";

export const help = `Usage: npm run video -- info <video file> [--json]

Shows what a video file is (container, duration, size, codec, frames per second) and what made
it — prompt, input picture, model, seconds and size asked, seed, job key and estimated cost —
from the .json the kit saved beside it.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [file] = positionals;
  if (!file) throw new UsageError("give a video file: npm run video -- info output/boat.mp4");
  const bytes = await readInputFile(file);
  if (!sniffMediaType(bytes)?.startsWith("video/")) {
    throw new UsageError(`${file} is not a video file (MP4, MOV or WebM)`);
  }
  const decoded = await decodeVideo(bytes, file).catch((error: unknown) => {
    if (!PathError.isInstance(error)) throw error;
    throw new UsageError(`${file} does not decode: ${error.message}`);
  });
  const sidecarPath = `${file.slice(0, file.length - extname(file).length)}.json`;
  const sidecar = existsSync(sidecarPath) ? await readSidecar(sidecarPath) : undefined;
  if (values.json) {
    printJson({
      file,
      ...decoded,
      bytes: bytes.length,
      sidecar: sidecar ?? null,
      sidecarPath: sidecar ? sidecarPath : null,
    });
    return 0;
  }
  const size = decoded.width && decoded.height ? `${decoded.width}x${decoded.height}` : undefined;
  const asked = sidecar && [
    sidecar.seconds && `${sidecar.seconds} s`,
    sidecar.size ?? sidecar.aspectRatio,
  ];
  const rows: [string, unknown][] = [
    ["file", `${file}  (${decoded.mediaType}, ${bytes.length} bytes)`],
    ["container", decoded.container],
    [
      "duration",
      decoded.durationSeconds !== undefined && `${decoded.durationSeconds.toFixed(2)} s`,
    ],
    ["size", size],
    ["codec", decoded.codec],
    ["fps", decoded.fps],
    ["asked", asked?.filter(Boolean).join(", ")],
    ["prompt", sidecar?.prompt],
    ["image", sidecar?.image],
    ["model", sidecar && `${sidecar.provider}:${sidecar.model}`],
    ["seed", sidecar?.seed],
    ["job", sidecar?.jobKey && `${shortKey(sidecar.jobKey)} (${sidecar.jobKey})`],
    ["cost", costText(sidecar?.cost)],
    ["made", sidecar?.createdAt],
  ];
  const lines = rows
    .filter(([, value]) => value !== undefined && value !== null && value !== "" && value !== false)
    .map(([key, value]) => `${key.padEnd(10)}${String(value)}`);
  for (const warning of sidecar?.warnings ?? []) lines.push(`${"warning".padEnd(10)}${warning}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

async function readSidecar(path: string): Promise<VideoSidecar | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as VideoSidecar;
  } catch {
    process.stderr.write(`warning: ${path} is not JSON the kit wrote; showing the file alone\n`);
    return undefined;
  }
}
