import type Database from "better-sqlite3";
import type { Chunk } from "../ingest/document.js";
import { Bm25Index } from "../retrieval/bm25.js";
import { VectorIndex } from "../retrieval/vector-search.js";
import { chunkFields, readTermList, unpackTerms } from "./chunk-terms.js";

/** What a search needs in memory: both indexes, keyed by chunk id, and a way to read chunks. */
export interface SearchState {
  bm25: Bm25Index;
  /** Undefined until the index holds vectors. */
  vectors: VectorIndex | undefined;
  chunk(id: string): Chunk | undefined;
}

interface ChunkRow {
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
  const bm25 = new Bm25Index({ fields: chunkFields });
  const rows = db
    .prepare<[], { id: string; terms: Buffer; vector: Buffer | null }>(
      "SELECT c.id, c.terms, v.vector FROM chunks c LEFT JOIN vectors v ON v.hash = c.hash ORDER BY c.rowid",
    )
    .all();
  const termList = readTermList(db);
  for (const row of rows) bm25.addCounts(row.id, unpackTerms(row.terms, termList));
  const vectors = dimensions === undefined ? undefined : loadVectors(rows, dimensions);
  const readChunk = db.prepare<[string], ChunkRow>("SELECT * FROM chunks WHERE id = ?");
  return {
    bm25,
    vectors,
    chunk(id) {
      const row = readChunk.get(id);
      return row && toChunk(row);
    },
  };
}

/** Packs the blobs straight into one Float32Array (blobs need not be 4-byte aligned). */
function loadVectors(
  rows: ReadonlyArray<{ id: string; vector: Buffer | null }>,
  dimensions: number,
): VectorIndex {
  const withVector = rows.filter((row) => row.vector?.length === dimensions * 4);
  const packed = new Float32Array(withVector.length * dimensions);
  const bytes = new Uint8Array(packed.buffer);
  withVector.forEach((row, i) => {
    bytes.set(row.vector as Buffer, i * dimensions * 4);
  });
  return VectorIndex.fromSnapshot(
    dimensions,
    withVector.map((row) => row.id),
    packed,
  );
}

function toChunk(row: ChunkRow): Chunk {
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
