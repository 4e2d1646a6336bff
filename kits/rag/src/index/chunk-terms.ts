import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { Chunk } from "../ingest/document.js";
import { analyze } from "../retrieval/analyze.js";
import type { TermCounts } from "../retrieval/bm25.js";

/** BM25 fields of a chunk: its heading path and its text, scored separately and summed. */
export const chunkFields = ["headings", "text"] as const;

/** Per field, each distinct term and how often it occurs. */
export function countChunkTerms(
  chunk: Pick<Chunk, "headings" | "text">,
): Array<Map<string, number>> {
  return [chunk.headings.join(" "), chunk.text].map((field) => {
    const counts = new Map<string, number>();
    for (const term of analyze(field)) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  });
}

/**
 * A chunk's term counts as stored: per field, the number of terms n, then n pairs of
 * (term number in the `terms` table, count), as little-endian Uint32. Opening an index
 * restores BM25 from these without analysing any text again (analysis costs seconds per 10k
 * chunks). Term numbers are never reused, so another process's cache stays right.
 */
export class TermDictionary {
  private readonly numbers = new Map<string, number>();
  private readonly insert: Database.Statement<[string]>;
  private readonly select: Database.Statement<[string], { id: number }>;

  constructor(db: Database.Database) {
    this.insert = db.prepare("INSERT OR IGNORE INTO terms (term) VALUES (?)");
    this.select = db.prepare("SELECT id FROM terms WHERE term = ?");
  }

  /** Call inside the transaction that stores the chunk. */
  pack(counts: ReadonlyArray<Map<string, number>>): Buffer {
    const words: number[] = [];
    for (const field of counts) {
      words.push(field.size);
      for (const [term, count] of field) words.push(this.number(term), count);
    }
    const packed = Uint32Array.from(words);
    return Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  }

  private number(term: string): number {
    const known = this.numbers.get(term);
    if (known !== undefined) return known;
    this.insert.run(term);
    const row = this.select.get(term) as { id: number };
    this.numbers.set(term, row.id);
    return row.id;
  }

  /** Forgets numbers learnt in a transaction that rolled back. */
  clear(): void {
    this.numbers.clear();
  }
}

/** Reads every term once, for {@link unpackTerms}: index = term number. */
export function readTermList(db: Database.Database): string[] {
  const list: string[] = [];
  for (const row of db
    .prepare<[], { id: number; term: string }>("SELECT id, term FROM terms")
    .iterate()) {
    list[row.id] = row.term;
  }
  return list;
}

export function unpackTerms(blob: Buffer, termList: readonly string[]): TermCounts[] {
  // SQLite's buffers need not be 4-byte aligned: copy into an aligned array.
  const words = new Uint32Array(blob.length / 4);
  new Uint8Array(words.buffer).set(blob);
  const fields: TermCounts[] = [];
  let at = 0;
  while (at < words.length) {
    const n = words[at++] as number;
    const terms: string[] = new Array(n);
    const freqs = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      terms[i] = termList[words[at++] as number] as string;
      freqs[i] = words[at++] as number;
    }
    fields.push({ terms, freqs });
  }
  return fields;
}

const probe =
  "Running the indexes' BM25-scores: ＢＭ２５ ｶﾀｶﾅ 東京スカイツリー 长江大桥和数据库的最近邻检索，研究生命起源。café naïve";

/**
 * A fingerprint of the analysis in use: its terms for a probe text covering English, width
 * folding, Japanese and Chinese. Stored term counts are redone when it changes, so an index
 * never mixes terms from two versions of the analysis.
 */
export function analyzerFingerprint(): string {
  return createHash("sha256")
    .update(JSON.stringify(analyze(probe)))
    .digest("hex")
    .slice(0, 16);
}

/** Re-analyses every chunk with the current analysis (after {@link analyzerFingerprint} changed). */
export function reanalyzeChunks(db: Database.Database, dictionary: TermDictionary): void {
  const rows = db
    .prepare<[], { id: string; headings: string; text: string }>(
      "SELECT id, headings, text FROM chunks",
    )
    .all();
  const update = db.prepare("UPDATE chunks SET terms = ? WHERE id = ?");
  db.exec("DELETE FROM terms");
  dictionary.clear();
  for (const row of rows) {
    const headings = JSON.parse(row.headings) as string[];
    update.run(dictionary.pack(countChunkTerms({ headings, text: row.text })), row.id);
  }
}
