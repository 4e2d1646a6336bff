import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Chunk } from "../ingest/document.js";
import type { Bm25Index } from "../retrieval/bm25.js";
import { decodeBm25 } from "../retrieval/bm25-snapshot.js";
import { syncFolder, writeDurably } from "./durable-files.js";
import type { FileRecord } from "./rag-store.js";

/** What a generation holds, written last so a generation with a manifest is complete. */
export interface Manifest {
  generation: number;
  createdAt: string;
  embedModel?: string;
  dimensions?: number;
  /** Fingerprint of the text analysis the BM25 file was built with. */
  analyzer: string;
  chunks: number;
  /** Each file and the rows [start, end) its chunks fill in chunks.jsonl, rows.json and vectors.f32. */
  files: Array<FileRecord & { rows: [number, number]; tokens: number }>;
  /** Byte size of every other file, checked when the generation is opened. */
  bytes: Record<string, number>;
}

export interface GenerationContent {
  manifest: Omit<Manifest, "bytes" | "generation" | "createdAt">;
  /** Every chunk, grouped by file in `manifest.files` order. */
  chunks: readonly Chunk[];
  /** One row per chunk (empty when the index has no model yet). */
  vectors: Float32Array;
  bm25: Buffer;
}

interface Rows {
  ids: string[];
  hashes: string[];
  offsets: number[];
}

/** A generation that does not match its manifest. */
export class GenerationDamage extends Error {}

export const generationFolder = (index: string, generation: number) =>
  join(index, `gen-${String(generation).padStart(6, "0")}`);

/**
 * One immutable snapshot of the index: chunk rows as JSON lines, their ids and text hashes,
 * one contiguous float32 matrix of vectors (row i = chunk i) and the BM25 snapshot, then the
 * manifest. Only the generation's journal changes after it is written.
 */
export async function writeGeneration(
  folder: string,
  generation: number,
  content: GenerationContent,
): Promise<void> {
  await mkdir(folder, { recursive: true });
  const lines = content.chunks.map((chunk) => Buffer.from(`${JSON.stringify(chunk)}\n`));
  const offsets = [0];
  for (const line of lines) offsets.push((offsets.at(-1) as number) + line.length);
  const files: Record<string, Uint8Array | string> = {
    "chunks.jsonl": Buffer.concat(lines),
    "rows.json": JSON.stringify({
      ids: content.chunks.map((chunk) => chunk.id),
      hashes: content.chunks.map((chunk) => chunk.hash),
      offsets,
    }),
    "vectors.f32": new Uint8Array(
      content.vectors.buffer,
      content.vectors.byteOffset,
      content.vectors.byteLength,
    ),
    "bm25.bin": content.bm25,
  };
  const bytes: Record<string, number> = {};
  for (const [name, data] of Object.entries(files)) {
    await writeDurably(join(folder, name), data);
    bytes[name] = typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
  }
  const manifest: Manifest = {
    ...content.manifest,
    generation,
    createdAt: new Date().toISOString(),
    bytes,
  };
  await writeDurably(join(folder, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
  await syncFolder(folder);
}

/**
 * A written generation, read lazily: the manifest and file sizes at open, each part on first
 * use (a BM25 search never reads the vectors; an ask reads a handful of chunk rows).
 */
export class Generation {
  readonly manifest: Manifest;
  private rowsCache: Rows | undefined;
  private vectorCache: Float32Array | undefined;

  constructor(readonly folder: string) {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")) as Manifest;
    } catch (error) {
      throw new GenerationDamage(`its manifest cannot be read: ${(error as Error).message}`);
    }
    for (const [name, size] of Object.entries(manifest.bytes ?? {})) {
      const actual = statSync(join(folder, name), { throwIfNoEntry: false })?.size;
      if (actual !== size)
        throw new GenerationDamage(`${name} has ${actual ?? "no"} bytes, not ${size}`);
    }
    this.manifest = manifest;
  }

  /** Chunk ids, text hashes and the byte offset of each row in chunks.jsonl. */
  rows(): Rows {
    this.rowsCache ??= JSON.parse(readFileSync(join(this.folder, "rows.json"), "utf8")) as Rows;
    const rows = this.rowsCache;
    if (rows.ids.length !== this.manifest.chunks || rows.offsets.length !== rows.ids.length + 1) {
      throw new GenerationDamage("rows.json does not match the manifest");
    }
    return rows;
  }

  /** One chunk, read from its byte range (an ask reads a handful, never the whole file). */
  chunk(row: number): Chunk {
    return this.chunks(row, row + 1)[0] as Chunk;
  }

  /** Rows [start, end), read as one byte range. */
  chunks(start: number, end: number): Chunk[] {
    const { offsets } = this.rows();
    const from = offsets[start] as number;
    const bytes = Buffer.alloc((offsets[end] as number) - from);
    const fd = openSync(join(this.folder, "chunks.jsonl"), "r");
    try {
      readSync(fd, bytes, 0, bytes.length, from);
    } finally {
      closeSync(fd);
    }
    return Array.from(
      { length: end - start },
      (_, i) =>
        JSON.parse(
          bytes.toString(
            "utf8",
            (offsets[start + i] as number) - from,
            (offsets[start + i + 1] as number) - from,
          ),
        ) as Chunk,
    );
  }

  /** The vector matrix, one row per chunk. */
  vectors(): Float32Array {
    if (!this.vectorCache) {
      const bytes = readFileSync(join(this.folder, "vectors.f32"));
      // A Float32Array needs 4-byte alignment; Node's big reads start at 0, but be sure.
      const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
      this.vectorCache = new Float32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
      const expected = this.manifest.chunks * (this.manifest.dimensions ?? 0);
      if (this.vectorCache.length !== expected) throw new GenerationDamage("vectors.f32 is short");
    }
    return this.vectorCache;
  }

  vector(row: number): Float32Array {
    const d = this.manifest.dimensions ?? 0;
    return this.vectors().subarray(row * d, (row + 1) * d);
  }

  /** The saved BM25 index; undefined when it was built with another analysis. */
  bm25(analyzer: string): Bm25Index | undefined {
    if (this.manifest.analyzer !== analyzer) return undefined;
    return decodeBm25(readFileSync(join(this.folder, "bm25.bin")), { expectedStamp: analyzer });
  }
}
