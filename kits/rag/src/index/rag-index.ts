import { existsSync, statSync } from "node:fs";
import { rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "@path/core";
import type Database from "better-sqlite3";
import type { Chunk } from "../ingest/document.js";
import type { Hit } from "../retrieval/hit.js";
import {
  analyzerFingerprint,
  countChunkTerms,
  reanalyzeChunks,
  TermDictionary,
} from "./chunk-terms.js";
import { indexFileName, openDatabase } from "./open-database.js";
import type { FileRecord, FileStatus, IndexStats, RagStore } from "./rag-store.js";
import type { Passage } from "./search.js";
import { type ChunkRow, loadSearchState, type SearchState, toChunk } from "./search-state.js";

interface FileRow {
  path: string;
  hash: string;
  size: number;
  mtime_ms: number;
  status: FileStatus;
  notes: string;
}

/**
 * The rag kit's embedded store: one SQLite file (WAL) in the index folder. Every change to a
 * file's chunks happens in one transaction, so a process killed at any moment leaves each file
 * either as it was or fully updated.
 */
export class RagIndex implements RagStore {
  private state: SearchState | undefined;
  private readonly termDictionary: TermDictionary;

  private constructor(
    readonly folder: string,
    private readonly db: Database.Database,
  ) {
    this.termDictionary = new TermDictionary(db);
  }

  /** Whether `folder` holds an index (a folder without one is never mistaken for one). */
  static exists(folder: string): boolean {
    return existsSync(join(folder, indexFileName));
  }

  /** Deletes the index files in `folder` (and the folder when nothing else is in it). */
  static async remove(folder: string): Promise<void> {
    for (const suffix of ["", "-wal", "-shm"])
      await rm(join(folder, indexFileName + suffix), { force: true });
    await rmdir(folder).catch(() => undefined);
  }

  static open(folder: string): RagIndex {
    const index = new RagIndex(folder, openDatabase(folder));
    index.matchAnalyzer();
    return index;
  }

  /** The SQLite file's path. */
  get file(): string {
    return join(this.folder, indexFileName);
  }

  /** `provider:model` of the embeddings stored, once the first one is. */
  async embedModel(): Promise<string | undefined> {
    return this.meta("embed_model");
  }

  private get dimensions(): number | undefined {
    const value = this.meta("dimensions");
    return value === undefined ? undefined : Number(value);
  }

  /** Refuses a model other than the one the stored vectors came from. */
  async checkEmbedModel(name: string): Promise<void> {
    this.checkModel(name);
  }

  private checkModel(name: string): void {
    const built = this.meta("embed_model");
    if (built === undefined || built === name) return;
    throw new InvalidInputError(
      `This index was built with the embedding model ${built}, not ${name}; vectors from two models cannot be mixed: pass --embed-model ${built}, or use a new --index folder to rebuild with ${name}.`,
    );
  }

  async fileRecord(path: string): Promise<FileRecord | undefined> {
    const row = this.db.prepare<[string], FileRow>("SELECT * FROM files WHERE path = ?").get(path);
    return row && toRecord(row);
  }

  async paths(): Promise<string[]> {
    return this.db
      .prepare<[], { path: string }>("SELECT path FROM files ORDER BY path")
      .all()
      .map((row) => row.path);
  }

  /** A file's chunks in line order (none for a file the index does not have). */
  async chunksOf(path: string): Promise<Chunk[]> {
    return this.db
      .prepare<[string], ChunkRow>("SELECT * FROM chunks WHERE path = ? ORDER BY line_start, rowid")
      .all(path)
      .map(toChunk);
  }

  async vectorsOf(hashes: Iterable<string>): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    for (const hash of hashes) {
      const vector = this.vector(hash);
      if (vector) found.set(hash, vector);
    }
    return found;
  }

  /** The stored unit vector for a chunk text's hash, or undefined. */
  private vector(hash: string): Float32Array | undefined {
    const row = this.db
      .prepare<[string], { vector: Buffer }>("SELECT vector FROM vectors WHERE hash = ?")
      .get(hash);
    if (!row) return undefined;
    const vector = new Float32Array(row.vector.length / 4);
    new Uint8Array(vector.buffer).set(row.vector);
    return vector;
  }

  /** The hashes among these with no stored vector, each once. */
  async missingVectors(hashes: Iterable<string>): Promise<string[]> {
    const has = this.db.prepare<[string], { one: number }>(
      "SELECT 1 AS one FROM vectors WHERE hash = ?",
    );
    return [...new Set(hashes)].filter((hash) => has.get(hash) === undefined);
  }

  /**
   * Replaces a file's chunks, adds the vectors they need (by text hash), and records the file,
   * in one transaction. The first vectors stored fix the index's model and dimensions.
   */
  async commitFile(
    record: FileRecord,
    chunks: readonly Chunk[],
    vectors: ReadonlyMap<string, Float32Array>,
    model: string,
  ): Promise<void> {
    const insertChunk = this.db.prepare(
      `INSERT OR REPLACE INTO chunks (id, path, hash, terms, headings, line_start, line_end, tokens, text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertVector = this.db.prepare(
      "INSERT OR IGNORE INTO vectors (hash, vector) VALUES (?, ?)",
    );
    const counts = chunks.map(countChunkTerms);
    const commit = this.db.transaction(() => {
      if (vectors.size > 0) this.fixModel(model, vectors.values().next().value as Float32Array);
      this.db.prepare("DELETE FROM chunks WHERE path = ?").run(record.path);
      chunks.forEach((chunk, i) => {
        insertChunk.run(
          chunk.id,
          record.path,
          chunk.hash,
          this.termDictionary.pack(counts[i] as Array<Map<string, number>>),
          JSON.stringify(chunk.headings),
          chunk.lineStart,
          chunk.lineEnd,
          chunk.tokens,
          chunk.text,
        );
      });
      for (const [hash, vector] of vectors) {
        insertVector.run(hash, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
      }
      this.writeRecord(record);
    });
    try {
      commit();
    } catch (error) {
      this.termDictionary.clear();
      throw error;
    }
    this.state = undefined;
  }

  /** Records a file without touching its chunks (a new mtime with the same bytes, a failure). */
  async writeFile(record: FileRecord): Promise<void> {
    this.writeRecord(record);
  }

  private writeRecord(record: FileRecord): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO files (path, hash, size, mtime_ms, status, notes)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.path,
        record.hash,
        record.size,
        record.mtimeMs,
        record.status,
        JSON.stringify(record.notes),
      );
  }

  /**
   * Removes a file and its chunks; false when the index does not have it. Their vectors stay
   * until {@link dropUnusedVectors} (an ingest calls it at its end), so a renamed file's texts
   * are not embedded again.
   */
  async forget(path: string): Promise<boolean> {
    const removed = this.db.transaction(() => {
      this.db.prepare("DELETE FROM chunks WHERE path = ?").run(path);
      return this.db.prepare("DELETE FROM files WHERE path = ?").run(path).changes > 0;
    })();
    this.state = undefined;
    return removed;
  }

  /** Deletes vectors no chunk uses any more; returns how many. */
  async dropUnusedVectors(): Promise<number> {
    const sql = "DELETE FROM vectors WHERE hash NOT IN (SELECT hash FROM chunks)";
    return this.db.prepare(sql).run().changes;
  }

  async stats(): Promise<IndexStats> {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number | null }).n ?? 0;
    const failed = this.db
      .prepare<[], { path: string }>("SELECT path FROM files WHERE status = 'failed' ORDER BY path")
      .all()
      .map((row) => row.path);
    const stats: IndexStats = {
      files: count("SELECT count(*) AS n FROM files WHERE status != 'failed'"),
      failedFiles: failed,
      chunks: count("SELECT count(*) AS n FROM chunks"),
      tokens: count("SELECT sum(tokens) AS n FROM chunks"),
      vectors: count("SELECT count(*) AS n FROM vectors"),
      location: this.folder,
      bytes: statSync(this.file).size,
    };
    const embedModel = this.meta("embed_model");
    if (embedModel !== undefined) stats.embedModel = embedModel;
    if (this.dimensions !== undefined) stats.dimensions = this.dimensions;
    return stats;
  }

  /** BM25 and vector indexes over every chunk, loaded once and dropped on the next change. */
  searchState(): SearchState {
    this.state ??= loadSearchState(this.db, this.dimensions);
    return this.state;
  }

  async bm25(queryTerms: readonly string[], k: number): Promise<Hit[]> {
    return this.searchState().bm25.searchTerms(queryTerms, k);
  }

  async nearest(query: Float32Array, k: number): Promise<Hit[]> {
    return this.searchState().vectors?.search(query, k) ?? [];
  }

  async passages(hits: readonly Hit[]): Promise<Passage[]> {
    const state = this.searchState();
    return hits.flatMap(({ id, score }) => {
      const chunk = state.chunk(id);
      if (!chunk) return [];
      const { path, lineStart, lineEnd, headings, text } = chunk;
      return [{ id, path, lineStart, lineEnd, headings, score, text }];
    });
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private meta(key: string): string | undefined {
    const row = this.db
      .prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?")
      .get(key);
    return row?.value;
  }

  /** Stored term counts come from the analysis in use; redone (once) when it has changed. */
  private matchAnalyzer(): void {
    const fingerprint = analyzerFingerprint();
    if (this.meta("analyzer") === fingerprint) return;
    const redo = this.db.transaction(() => {
      reanalyzeChunks(this.db, this.termDictionary);
      this.db
        .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('analyzer', ?)")
        .run(fingerprint);
    });
    try {
      redo();
    } catch (error) {
      this.termDictionary.clear();
      throw error;
    }
  }

  private fixModel(model: string, sample: Float32Array): void {
    this.checkModel(model);
    const dimensions = this.dimensions;
    if (dimensions !== undefined && dimensions !== sample.length) {
      throw new InvalidInputError(
        `${model} returned ${sample.length}-dimensional vectors, the index holds ${dimensions}: use a new --index folder for a model with another size.`,
      );
    }
    const write = this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    write.run("embed_model", model);
    write.run("dimensions", String(sample.length));
  }
}

function toRecord(row: FileRow): FileRecord {
  return {
    path: row.path,
    hash: row.hash,
    size: row.size,
    mtimeMs: row.mtime_ms,
    status: row.status,
    notes: JSON.parse(row.notes) as string[],
  };
}
