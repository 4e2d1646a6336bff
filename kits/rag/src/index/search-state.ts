import type { Chunk } from "../ingest/document.js";
import type { Bm25Index } from "../retrieval/bm25.js";
import { VectorIndex } from "../retrieval/vector-search.js";
import type { Generation } from "./generation.js";
import type { LiveContent } from "./live-content.js";

/**
 * What a search needs in memory: both indexes keyed by chunk id, each loaded on its first read
 * (a BM25-only search never reads the vectors), and a way to read chunks.
 */
export interface SearchState {
  readonly bm25: Bm25Index;
  /** Undefined until the index holds vectors. */
  readonly vectors: VectorIndex | undefined;
  chunk(id: string): Chunk | undefined;
}

/**
 * Straight from the generation's files when nothing changed since it was written (the BM25
 * arrays load in place, the vectors are one read); otherwise from the live content, which
 * merges the journal in.
 */
export function searchStateOf(options: {
  base: Generation | undefined;
  analyzer: string;
  dimensions: number | undefined;
  live: () => LiveContent;
}): SearchState {
  const { base, dimensions } = options;
  const savedBm25 = base?.bm25(options.analyzer);
  if (base && savedBm25) {
    let rowOf: Map<string, number> | undefined;
    let vectors: VectorIndex | undefined;
    return {
      bm25: savedBm25,
      get vectors() {
        if (dimensions === undefined) return undefined;
        vectors ??= VectorIndex.fromSnapshot(dimensions, base.rows().ids, base.vectors());
        return vectors;
      },
      chunk(id) {
        rowOf ??= new Map(base.rows().ids.map((chunkId, row) => [chunkId, row]));
        const row = rowOf.get(id);
        return row === undefined ? undefined : base.chunk(row);
      },
    };
  }
  const content = options.live();
  const byId = new Map(content.chunks.map((chunk) => [chunk.id, chunk]));
  let vectors: VectorIndex | undefined;
  return {
    bm25: content.bm25(),
    get vectors() {
      if (dimensions === undefined) return undefined;
      vectors ??= VectorIndex.fromSnapshot(
        dimensions,
        content.chunks.map((chunk) => chunk.id),
        content.vectors,
      );
      return vectors;
    },
    chunk: (id) => byId.get(id),
  };
}
