import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import type { Chunk } from "../ingest/document.js";
import type { FileRecord } from "./rag-store.js";

/** A chunk as the journal keeps it: with its BM25 term counts per field, as [term, count] pairs. */
export interface JournalChunk extends Chunk {
  terms: Array<Array<[string, number]>>;
}

/** One change since the generation was written, in the order it happened. */
export type JournalEntry =
  | {
      op: "file";
      record: FileRecord;
      chunks: JournalChunk[];
      /** New vectors by text hash, as base64 of little-endian float32. */
      vectors: Record<string, string>;
      model?: string;
    }
  | { op: "record"; record: FileRecord }
  | { op: "forget"; path: string };

/** A journal that cannot be trusted: a line in the middle does not match its checksum. */
export class JournalDamage extends Error {}

const checksum = (json: string) => createHash("sha256").update(json).digest("hex").slice(0, 16);

/**
 * Reads the journal: one entry per line, `<json>\t<checksum>\n`. A last line cut short (the
 * process was killed while writing it) is dropped, so `validBytes` says where the next write
 * goes; a whole line that does not match its checksum means the file itself is damaged.
 */
export function readJournal(path: string): { entries: JournalEntry[]; validBytes: number } {
  if (!existsSync(path)) return { entries: [], validBytes: 0 };
  const text = readFileSync(path, "utf8");
  const entries: JournalEntry[] = [];
  let validBytes = 0;
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    if (end < 0) break; // torn last line
    const line = text.slice(start, end);
    const tab = line.lastIndexOf("\t");
    const json = line.slice(0, tab);
    if (tab < 0 || checksum(json) !== line.slice(tab + 1)) {
      throw new JournalDamage(`journal line ${entries.length + 1} does not match its checksum`);
    }
    entries.push(JSON.parse(json) as JournalEntry);
    start = end + 1;
    validBytes += Buffer.byteLength(line) + 1;
  }
  return { entries, validBytes };
}

/** Appends entries; each is in the file (the OS's page cache) before `append` resolves. */
export class JournalWriter {
  private constructor(
    private readonly handle: FileHandle,
    private position: number,
  ) {}

  /** Opens for appending after `validBytes`, cutting off a torn last line. */
  static async open(path: string, validBytes: number): Promise<JournalWriter> {
    const handle = await open(path, existsSync(path) ? "r+" : "w+");
    await handle.truncate(validBytes);
    return new JournalWriter(handle, validBytes);
  }

  async append(entry: JournalEntry): Promise<void> {
    const json = JSON.stringify(entry);
    const bytes = Buffer.from(`${json}\t${checksum(json)}\n`);
    await this.handle.write(bytes, 0, bytes.length, this.position);
    this.position += bytes.length;
  }

  async close(): Promise<void> {
    await this.handle.sync();
    await this.handle.close();
  }
}

export function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString("base64");
}

export function decodeVector(base64: string): Float32Array {
  const bytes = Buffer.from(base64, "base64");
  const vector = new Float32Array(bytes.length / 4);
  new Uint8Array(vector.buffer).set(bytes);
  return vector;
}
