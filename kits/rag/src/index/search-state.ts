import type Database from "better-sqlite3";
import type { Chunk } from "../ingest/document.js";
import { Bm25Index } from "../retrieval/bm25.js";
import { VectorIndex } from "../retrieval/vector-search.js";
import { chunkFields, readTermList, unpackTerms } from "./chunk-terms.js";

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

export interface ChunkRow {
  id: string;
  path: string;
  headings: string;
  line_start: number;
  line_end: number;
  text: string;
  hash: string;
  tokens: number;
}

export function loadSearchState(
  db: Database.Database,
  dimensions: number | undefined,
): SearchState {
  let bm25: Bm25Index | undefined;
  let vectors: VectorIndex | undefined;
  const readChunk = db.prepare<[string], ChunkRow>("SELECT * FROM chunks WHERE id = ?");
  return {
    get bm25() {
      bm25 ??= loadBm25(db);
      return bm25;
    },
    get vectors() {
      if (dimensions === undefined) return undefined;
      vectors ??= loadVectors(db, dimensions);
      return vectors;
    },
    chunk(id) {
      const row = readChunk.get(id);
      return row && toChunk(row);
    },
  };
}

function loadBm25(db: Database.Database): Bm25Index {
  const bm25 = new Bm25Index({ fields: chunkFields });
  const termList = readTermList(db);
  const rows = db.prepare<[], { id: string; terms: Buffer }>(
    "SELECT id, terms FROM chunks ORDER BY rowid",
  );
  for (const row of rows.iterate()) bm25.addCounts(row.id, unpackTerms(row.terms, termList));
  return bm25;
}

/** Packs the blobs straight into one Float32Array (blobs need not be 4-byte aligned). */
function loadVectors(db: Database.Database, dimensions: number): VectorIndex {
  const rows = db
    .prepare<[], { id: string; vector: Buffer }>(
      "SELECT c.id, v.vector FROM chunks c JOIN vectors v ON v.hash = c.hash ORDER BY c.rowid",
    )
    .all();
  const withVector = rows.filter((row) => row.vector.length === dimensions * 4);
  const packed = new Float32Array(withVector.length * dimensions);
  const bytes = new Uint8Array(packed.buffer);
  withVector.forEach((row, i) => {
    bytes.set(row.vector, i * dimensions * 4);
  });
  return VectorIndex.fromSnapshot(
    dimensions,
    withVector.map((row) => row.id),
    packed,
  );
}

export function toChunk(row: ChunkRow): Chunk {
  return {
    id: row.id,
    path: row.path,
    headings: JSON.parse(row.headings) as string[],
    lineStart: row.line_start,
    lineEnd: row.line_end,
    text: row.text,
    hash: row.hash,
    tokens: row.tokens,
  };
}
