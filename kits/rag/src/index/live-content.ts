import type { Chunk } from "../ingest/document.js";
import { Bm25Index, type TermCounts } from "../retrieval/bm25.js";
import { encodeBm25 } from "../retrieval/bm25-snapshot.js";
import { chunkFields, countChunkTerms } from "./chunk-terms.js";
import type { Generation, Manifest } from "./generation.js";
import type { JournalChunk } from "./journal.js";
import type { FileRecord } from "./rag-store.js";

/** A file as the index holds it: its chunks are rows of the generation, or came since. */
export interface LiveFile {
  record: FileRecord;
  rows?: [number, number];
  tokens?: number;
  chunks?: JournalChunk[];
}

export interface LiveContent {
  chunks: Chunk[];
  files: Manifest["files"];
  /** One row per chunk; empty while the index has no model. */
  vectors: Float32Array;
  bm25(): Bm25Index;
  bm25Bytes(): Buffer;
}

/**
 * Everything the index holds now, in path order, as the next generation stores it: the
 * generation's rows merged with the journal's changes. BM25 term counts come from the saved
 * BM25 (or the journal), so no text is analysed again unless the analysis itself changed.
 */
export function liveContent(options: {
  files: ReadonlyMap<string, LiveFile>;
  base: Generation | undefined;
  analyzer: string;
  dimensions: number | undefined;
  vector: (hash: string) => Float32Array | undefined;
}): LiveContent {
  const { base, dimensions } = options;
  const saved = base?.manifest.chunks ? base.bm25(options.analyzer) : undefined;
  const chunks: Chunk[] = [];
  const counts: TermCounts[][] = [];
  const files: Manifest["files"] = [];
  const seen = new Set<string>();
  const take = (chunk: Chunk, termCounts: () => TermCounts[]) => {
    if (seen.has(chunk.id)) return;
    seen.add(chunk.id);
    chunks.push(chunk);
    counts.push(termCounts());
  };
  for (const path of [...options.files.keys()].sort()) {
    const file = options.files.get(path) as LiveFile;
    const start = chunks.length;
    if (file.chunks) {
      for (const { terms, ...chunk } of file.chunks) take(chunk, () => terms.map(toCounts));
    } else if (file.rows && base) {
      for (const chunk of base.chunks(file.rows[0], file.rows[1])) {
        take(chunk, () => saved?.termCounts(chunk.id) ?? countChunkTerms(chunk).map(mapCounts));
      }
    }
    const tokens = chunks.slice(start).reduce((sum, chunk) => sum + chunk.tokens, 0);
    files.push({ ...file.record, rows: [start, chunks.length], tokens });
  }
  const d = dimensions ?? 0;
  const vectors = new Float32Array(chunks.length * d);
  if (d > 0) {
    chunks.forEach((chunk, row) => {
      const vector = options.vector(chunk.hash);
      if (!vector) throw new Error(`the index has no vector for chunk ${chunk.id}`);
      vectors.set(vector, row * d);
    });
  }
  let bm25: Bm25Index | undefined;
  const build = () => {
    bm25 ??= Bm25Index.fromCounts(
      chunks.map((chunk) => chunk.id),
      counts,
      { fields: chunkFields },
    );
    return bm25;
  };
  return {
    chunks,
    files,
    vectors,
    bm25: build,
    bm25Bytes: () => encodeBm25(build(), options.analyzer),
  };
}

function toCounts(pairs: Array<[string, number]>): TermCounts {
  return { terms: pairs.map(([term]) => term), freqs: Uint32Array.from(pairs, ([, n]) => n) };
}

function mapCounts(field: Map<string, number>): TermCounts {
  return { terms: [...field.keys()], freqs: Uint32Array.from(field.values()) };
}
