import { createReadStream } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { readPngText } from "@path/core";
import { HttpError } from "./http.js";

const kinds: Record<string, { kind: "image" | "audio" | "video"; type: string }> = {
  ".png": { kind: "image", type: "image/png" },
  ".jpg": { kind: "image", type: "image/jpeg" },
  ".jpeg": { kind: "image", type: "image/jpeg" },
  ".webp": { kind: "image", type: "image/webp" },
  ".wav": { kind: "audio", type: "audio/wav" },
  ".mp3": { kind: "audio", type: "audio/mpeg" },
  ".flac": { kind: "audio", type: "audio/flac" },
  ".ogg": { kind: "audio", type: "audio/ogg" },
  ".mp4": { kind: "video", type: "video/mp4" },
  ".webm": { kind: "video", type: "video/webm" },
  ".mov": { kind: "video", type: "video/quicktime" },
};

export interface GalleryItem {
  path: string;
  kind: "image" | "audio" | "video";
  bytes: number;
  mtime: string;
  params: Record<string, unknown>;
  remake?: string;
}

/** Pictures, audio and video the kits wrote under the output folder, newest first, with what made them. */
export async function listGallery(outputDir: string): Promise<GalleryItem[]> {
  const items: GalleryItem[] = [];
  for (const file of await walk(outputDir, 3)) {
    const known = kinds[extname(file).toLowerCase()];
    if (!known) continue;
    const info = await stat(file);
    const sidecar = await readSidecar(file);
    const pngText =
      known.type === "image/png"
        ? readPngText(await readFile(file))
        : ({} as Record<string, string>);
    const params: Record<string, unknown> = { ...pngText };
    for (const [key, value] of Object.entries(sidecar ?? {})) {
      if (value !== null && typeof value !== "object" && !(key in params)) params[key] = value;
    }
    const remake = remakeCommand(known.kind, sidecar);
    items.push({
      path: relative(outputDir, file).split(sep).join("/"),
      kind: known.kind,
      bytes: info.size,
      mtime: info.mtime.toISOString(),
      params,
      ...(remake ? { remake } : {}),
    });
  }
  return items.sort((a, b) => b.mtime.localeCompare(a.mtime));
}

async function walk(folder: string, depth: number): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && depth > 0) files.push(...(await walk(path, depth - 1)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

async function readSidecar(file: string): Promise<Record<string, unknown> | undefined> {
  const path = `${file.slice(0, -extname(file).length)}.json`;
  try {
    return JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The command that makes it again, from the sidecar the kit wrote beside it. */
function remakeCommand(
  kind: GalleryItem["kind"],
  sidecar: Record<string, unknown> | undefined,
): string | undefined {
  if (!sidecar) return undefined;
  const prompt = String(sidecar.promptAsWritten ?? sidecar.prompt ?? sidecar.text ?? "").replaceAll(
    '"',
    '\\"',
  );
  const model =
    sidecar.provider && sidecar.model ? `${sidecar.provider}:${sidecar.model}` : sidecar.model;
  if (!prompt || !model) return undefined;
  const seed = typeof sidecar.seed === "number" ? ` --seed ${sidecar.seed}` : "";
  if (kind === "image") return `npm run image -- generate "${prompt}" --model ${model}${seed}`;
  const quest =
    typeof sidecar.quest === "string" ? sidecar.quest : kind === "audio" ? "speak" : "make";
  const kit = kind === "audio" ? "music" : "video";
  return `npm run ${kit} -- ${quest} "${prompt}" --model ${model}${seed}`;
}

/**
 * A file under the output folder, never outside it: `..` and symlinks that lead out are refused
 * (the real path must still be inside). Ranges are served, so players can seek.
 */
export async function serveFile(
  request: IncomingMessage,
  response: ServerResponse,
  outputDir: string,
  wanted: string,
): Promise<void> {
  const root = await realpath(outputDir).catch(() => {
    throw new HttpError(404, "There is no output folder yet: make something with a kit first.");
  });
  const path = await realpath(join(root, wanted)).catch(() => {
    throw new HttpError(404, `There is no ${wanted} in the output folder.`);
  });
  if (!path.startsWith(root + sep))
    throw new HttpError(403, "Only files inside the output folder are served.");
  const known = kinds[extname(path).toLowerCase()];
  if (!known) throw new HttpError(403, "Only pictures, audio and video are served.");
  const { size } = await stat(path);
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
  const headers = {
    "content-type": known.type,
    "accept-ranges": "bytes",
    "cache-control": "no-cache",
  };
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start > end || start >= size) {
      response.writeHead(416, { "content-range": `bytes */${size}` });
      response.end();
      return;
    }
    response.writeHead(206, {
      ...headers,
      "content-range": `bytes ${start}-${end}/${size}`,
      "content-length": end - start + 1,
    });
    createReadStream(path, { start, end }).pipe(response);
    return;
  }
  response.writeHead(200, { ...headers, "content-length": size });
  createReadStream(path).pipe(response);
}
