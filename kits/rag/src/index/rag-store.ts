import type { Chunk } from "../ingest/document.js";
import type { Hit } from "../retrieval/hit.js";
import type { Passage } from "./search.js";

/** How a file last went: its chunks are in the index, it had none, or it could not be read. */
export type FileStatus = "indexed" | "empty" | "failed";

export interface FileRecord {
  /** Relative to the ingested folder, `/` separators. */
  path: string;
  /** SHA-256 of the file's bytes (hex); empty for a file that failed before it was read. */
  hash: string;
  size: number;
  mtimeMs: number;
  status: FileStatus;
  notes: string[];
}

export interface IndexStats {
  files: number;
  failedFiles: string[];
  chunks: number;
  tokens: number;
  vectors: number;
  embedModel?: string;
  dimensions?: number;
  /** Where the index lives: its folder, or the database (password hidden). */
  location: string;
  /** Bytes on disk, where the store can tell. */
  bytes?: number;
}

/**
 * Where ingest writes and search reads: the embedded store in a folder (`RagIndex`) or
 * PostgreSQL + pgvector (`PgRagStore`). Every method is asynchronous so both fit; each file's
 * change is atomic, vectors are stored once per chunk-text hash and belong to one model.
 */
export interface RagStore {
  /** The folder the store keeps its files in, when it has one: ingest never reads it. */
  readonly folder?: string;
  /** `provider:model` of the stored vectors, once the first one is stored. */
  embedModel(): Promise<string | undefined>;
  /** Refuses a model other than the one the stored vectors came from, naming both. */
  checkEmbedModel(name: string): Promise<void>;
  fileRecord(path: string): Promise<FileRecord | undefined>;
  /** Every recorded file path, sorted. */
  paths(): Promise<string[]>;
  /** A file's chunks in line order (none for a file the store does not have). */
  chunksOf(path: string): Promise<Chunk[]>;
  /** The stored unit vectors for these chunk-text hashes (missing ones are left out). */
  vectorsOf(hashes: Iterable<string>): Promise<Map<string, Float32Array>>;
  /** The hashes among these with no stored vector, each once. */
  missingVectors(hashes: Iterable<string>): Promise<string[]>;
  /** Replaces a file's chunks, adds the vectors they need and records the file, atomically. */
  commitFile(
    record: FileRecord,
    chunks: readonly Chunk[],
    vectors: ReadonlyMap<string, Float32Array>,
    model: string,
  ): Promise<void>;
  /** Records a file without touching its chunks (a new mtime with the same bytes, a failure). */
  writeFile(record: FileRecord): Promise<void>;
  /** Removes a file and its chunks; false when there was none. Vectors stay until dropUnusedVectors. */
  forget(path: string): Promise<boolean>;
  /** Deletes vectors no chunk uses any more; returns how many. */
  dropUnusedVectors(): Promise<number>;
  stats(): Promise<IndexStats>;
  /** BM25 over the chunks; the terms come from the kit's analysis (`retrieval/analyze.ts`). */
  bm25(queryTerms: readonly string[], k: number): Promise<Hit[]>;
  /** The k chunks nearest a unit query vector by cosine. */
  nearest(query: Float32Array, k: number): Promise<Hit[]>;
  /** The passages for these hits, in their order (hits whose chunk is gone are left out). */
  passages(hits: readonly Hit[]): Promise<Passage[]>;
  close(): Promise<void>;
}
