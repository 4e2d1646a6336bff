import { ConnectionError, InvalidInputError } from "@path/core";
import pg from "pg";
import { chunkFields, countChunkTerms } from "../index/chunk-terms.js";
import type { FileRecord, IndexStats, RagStore } from "../index/rag-store.js";
import type { Passage } from "../index/search.js";
import type { Chunk } from "../ingest/document.js";
import type { Hit } from "../retrieval/hit.js";
import { bm25Sql, nearestSql } from "./queries.js";
import { baseSchema, type HnswOptions, hnswIndex, vectorTable } from "./schema.js";
import { toPgVector } from "./vector-binary.js";

export interface PgStoreOptions {
  /** `postgres://…`; or pass `pool`. */
  url?: string;
  pool?: pg.Pool;
  /** Connections in the pool. Default 4. */
  maxConnections?: number;
  /** Build the HNSW index with the vector table (default). False for bulk loads: call {@link PgRagStore.buildVectorIndex} after. */
  hnsw?: boolean | HnswOptions;
  /** BM25 parameters, as the embedded store's. */
  k1?: number;
  b?: number;
}

interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * The rag kit's chunks and vectors on PostgreSQL + pgvector, for corpora and teams that
 * outgrow one machine. The same operations as the embedded `RagIndex`, asynchronous: each
 * file's change is one transaction, vectors are stored once per text hash, and search gives
 * the same passages (BM25 with the same formula and analysis, cosine via an HNSW index).
 */
export class PgRagStore implements RagStore {
  private readonly ownsPool: boolean;

  private constructor(
    readonly pool: pg.Pool,
    ownsPool: boolean,
    private readonly options: PgStoreOptions,
  ) {
    this.ownsPool = ownsPool;
  }

  /** Connects and creates the tables when they are missing. */
  static async open(options: PgStoreOptions): Promise<PgRagStore> {
    const pool =
      options.pool ??
      new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 4 });
    const store = new PgRagStore(pool, options.pool === undefined, options);
    try {
      await store.run(baseSchema);
    } catch (error) {
      if (store.ownsPool) await pool.end();
      throw error;
    }
    return store;
  }

  get k1(): number {
    return this.options.k1 ?? 0.9;
  }

  get b(): number {
    return this.options.b ?? 0.4;
  }

  async embedModel(): Promise<string | undefined> {
    return this.meta("embed_model");
  }

  async dimensions(): Promise<number | undefined> {
    const value = await this.meta("dimensions");
    return value === undefined ? undefined : Number(value);
  }

  /** Refuses a model other than the one the stored vectors came from. */
  async checkEmbedModel(name: string): Promise<void> {
    const built = await this.embedModel();
    if (built !== undefined && built !== name) throw modelMismatch(built, name);
  }

  async fileRecord(path: string): Promise<FileRecord | undefined> {
    const { rows } = await this.run<FileRow>("SELECT * FROM rag_files WHERE path = $1", [path]);
    return rows[0] && toRecord(rows[0]);
  }

  async paths(): Promise<string[]> {
    const { rows } = await this.run<{ path: string }>("SELECT path FROM rag_files ORDER BY path");
    return rows.map((row) => row.path);
  }

  async chunksOf(path: string): Promise<Chunk[]> {
    const { rows } = await this.run<ChunkRow & { hash: string; tokens: number }>(
      "SELECT id, path, hash, headings, line_start, line_end, tokens, text FROM rag_chunks WHERE path = $1 ORDER BY line_start, doc",
      [path],
    );
    return rows.map((row) => ({
      id: row.id,
      path: row.path,
      hash: row.hash,
      headings: row.headings,
      lineStart: row.line_start,
      lineEnd: row.line_end,
      tokens: row.tokens,
      text: row.text,
    }));
  }

  async vectorsOf(hashes: Iterable<string>): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    if ((await this.dimensions()) === undefined) return found;
    const { rows } = await this.run<{ hash: string; embedding: string }>(
      "SELECT hash, embedding::text AS embedding FROM rag_vectors WHERE hash = ANY($1::text[])",
      [[...new Set(hashes)]],
    );
    for (const row of rows) {
      found.set(row.hash, Float32Array.from(JSON.parse(row.embedding) as number[]));
    }
    return found;
  }

  /** The hashes among these with no stored vector, each once. */
  async missingVectors(hashes: Iterable<string>): Promise<string[]> {
    const unique = [...new Set(hashes)];
    if ((await this.dimensions()) === undefined) return unique;
    const { rows } = await this.run<{ hash: string }>(
      "SELECT hash FROM rag_vectors WHERE hash = ANY($1::text[])",
      [unique],
    );
    const stored = new Set(rows.map((row) => row.hash));
    return unique.filter((hash) => !stored.has(hash));
  }

  /**
   * Brings a file's chunks to these, adds the vectors they need and records the file, in one
   * transaction. Chunks already stored with the same id and headings keep their terms (only
   * their line numbers are updated), so an edit rewrites only what changed.
   */
  async commitFile(
    record: FileRecord,
    chunks: readonly Chunk[],
    vectors: ReadonlyMap<string, Float32Array>,
    model: string,
  ): Promise<void> {
    await this.transaction(async (client) => {
      const first = vectors.values().next().value;
      if (first) await this.fixModel(client, model, first.length);
      const { rows: stored } = await client.query<{ id: string; headings: string[] }>(
        "SELECT id, headings FROM rag_chunks WHERE path = $1 FOR UPDATE",
        [record.path],
      );
      const storedHeadings = new Map(stored.map((row) => [row.id, JSON.stringify(row.headings)]));
      const kept = chunks.filter(
        (chunk) => storedHeadings.get(chunk.id) === JSON.stringify(chunk.headings),
      );
      const added = chunks.filter((chunk) => !kept.includes(chunk));
      const { rows: removed } = await client.query<{ field_lengths: number[] }>(
        "DELETE FROM rag_chunks WHERE path = $1 AND NOT (id = ANY($2::text[])) RETURNING field_lengths",
        [record.path, kept.map((chunk) => chunk.id)],
      );
      await updateLines(client, kept);
      const addedLengths = await insertChunks(client, record.path, added);
      await updateFieldStats(
        client,
        removed.map((row) => row.field_lengths),
        addedLengths,
      );
      await insertVectors(client, vectors);
      await writeFileRow(client, record);
    });
  }

  /** Records a file without touching its chunks (a new mtime with the same bytes, a failure). */
  async writeFile(record: FileRecord): Promise<void> {
    await this.transaction((client) => writeFileRow(client, record));
  }

  /** Removes a file and its chunks; false when the store does not have it. */
  async forget(path: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ field_lengths: number[] }>(
        "DELETE FROM rag_chunks WHERE path = $1 RETURNING field_lengths",
        [path],
      );
      await updateFieldStats(
        client,
        rows.map((row) => row.field_lengths),
        [],
      );
      const files = await client.query("DELETE FROM rag_files WHERE path = $1", [path]);
      return (files.rowCount ?? 0) > 0;
    });
  }

  /** Deletes vectors no chunk uses any more; returns how many. */
  async dropUnusedVectors(): Promise<number> {
    if ((await this.dimensions()) === undefined) return 0;
    const result = await this.run(
      "DELETE FROM rag_vectors v WHERE NOT EXISTS (SELECT 1 FROM rag_chunks c WHERE c.hash = v.hash)",
    );
    return result.rowCount ?? 0;
  }

  async stats(): Promise<IndexStats> {
    const count = async (sql: string) =>
      Number((await this.run<{ n: string | null }>(sql)).rows[0]?.n ?? 0);
    const failed = await this.run<{ path: string }>(
      "SELECT path FROM rag_files WHERE status = 'failed' ORDER BY path",
    );
    const dimensions = await this.dimensions();
    const embedModel = await this.embedModel();
    const { rows } = await this.run<{ db: string }>("SELECT current_database() AS db");
    return {
      files: await count("SELECT count(*) AS n FROM rag_files WHERE status != 'failed'"),
      failedFiles: failed.rows.map((row) => row.path),
      chunks: await count("SELECT count(*) AS n FROM rag_chunks"),
      tokens: await count("SELECT sum(tokens) AS n FROM rag_chunks"),
      vectors: dimensions === undefined ? 0 : await count("SELECT count(*) AS n FROM rag_vectors"),
      ...(embedModel === undefined ? {} : { embedModel }),
      ...(dimensions === undefined ? {} : { dimensions }),
      location: `PostgreSQL database ${rows[0]?.db ?? ""}`,
    };
  }

  /** BM25 over the stored terms; query terms go through the kit's analysis first. */
  async bm25(queryTerms: readonly string[], k: number): Promise<Hit[]> {
    if (queryTerms.length === 0) return [];
    const { rows } = await this.run<{ id: string; score: number }>(bm25Sql, [
      queryTerms,
      this.k1,
      this.b,
      k,
    ]);
    return rows;
  }

  /**
   * The k chunks whose vectors are nearest the (unit) query by cosine, through the HNSW index
   * when there is one. `efSearch` trades speed for recall (pgvector's default 40).
   */
  async nearest(query: ArrayLike<number>, k: number, efSearch?: number): Promise<Hit[]> {
    if ((await this.dimensions()) === undefined) return [];
    const values = [toPgVector(query), k];
    if (efSearch === undefined) {
      return (await this.run<{ id: string; score: number }>(nearestSql, values)).rows;
    }
    return this.transaction(async (client) => {
      await client.query(`SET LOCAL hnsw.ef_search = ${Math.trunc(efSearch)}`);
      return (await client.query<{ id: string; score: number }>(nearestSql, values)).rows;
    });
  }

  /** Exact cosine top k, by a full scan (the oracle for HNSW recall). */
  async nearestExact(query: ArrayLike<number>, k: number): Promise<Hit[]> {
    return this.transaction(async (client) => {
      await client.query("SET LOCAL enable_indexscan = off");
      return (await client.query<{ id: string; score: number }>(nearestSql, [toPgVector(query), k]))
        .rows;
    });
  }

  /** The passages for these hits, in their order. */
  async passages(hits: readonly Hit[]): Promise<Passage[]> {
    if (hits.length === 0) return [];
    const { rows } = await this.run<ChunkRow>(
      "SELECT id, path, headings, line_start, line_end, text FROM rag_chunks WHERE id = ANY($1::text[])",
      [hits.map((hit) => hit.id)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return hits.flatMap(({ id, score }) => {
      const row = byId.get(id);
      if (!row) return [];
      return [
        {
          id,
          path: row.path,
          lineStart: row.line_start,
          lineEnd: row.line_end,
          headings: row.headings,
          score,
          text: row.text,
        },
      ];
    });
  }

  /** Builds the HNSW index after a bulk load made with `hnsw: false`. */
  async buildVectorIndex(options: HnswOptions = {}): Promise<void> {
    await this.run(hnswIndex(options));
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async meta(key: string): Promise<string | undefined> {
    const { rows } = await this.run<{ value: string }>(
      "SELECT value FROM rag_meta WHERE key = $1",
      [key],
    );
    return rows[0]?.value;
  }

  private async fixModel(client: pg.PoolClient, model: string, dimensions: number): Promise<void> {
    const { rows } = await client.query<{ key: string; value: string }>(
      "SELECT key, value FROM rag_meta WHERE key IN ('embed_model', 'dimensions') FOR UPDATE",
    );
    const meta = new Map(rows.map((row) => [row.key, row.value]));
    const built = meta.get("embed_model");
    if (built !== undefined && built !== model) throw modelMismatch(built, model);
    const stored = meta.get("dimensions");
    if (stored !== undefined) {
      if (Number(stored) !== dimensions) {
        throw new InvalidInputError(
          `${model} returned ${dimensions}-dimensional vectors, the database holds ${stored}: use another database for a model with another size.`,
        );
      }
      return;
    }
    await client.query(vectorTable(dimensions));
    const hnsw = this.options.hnsw ?? true;
    if (hnsw !== false) await client.query(hnswIndex(hnsw === true ? {} : hnsw));
    await client.query(
      "INSERT INTO rag_meta (key, value) VALUES ('embed_model', $1), ('dimensions', $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [model, String(dimensions)],
    );
  }

  private async run<R extends pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw connectionError(error);
    }
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw connectionError(error);
    }
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw connectionError(error);
    } finally {
      client.release();
    }
  }
}

interface FileRow {
  path: string;
  hash: string;
  size: string;
  mtime_ms: number;
  status: FileRecord["status"];
  notes: string[];
}

interface ChunkRow {
  id: string;
  path: string;
  headings: string[];
  line_start: number;
  line_end: number;
  text: string;
}

function toRecord(row: FileRow): FileRecord {
  return {
    path: row.path,
    hash: row.hash,
    size: Number(row.size),
    mtimeMs: row.mtime_ms,
    status: row.status,
    notes: row.notes,
  };
}

async function writeFileRow(db: Queryable, record: FileRecord): Promise<void> {
  await db.query(
    `INSERT INTO rag_files (path, hash, size, mtime_ms, status, notes) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (path) DO UPDATE SET hash = excluded.hash, size = excluded.size,
       mtime_ms = excluded.mtime_ms, status = excluded.status, notes = excluded.notes`,
    [
      record.path,
      record.hash,
      record.size,
      record.mtimeMs,
      record.status,
      JSON.stringify(record.notes),
    ],
  );
}

async function updateLines(client: pg.PoolClient, chunks: readonly Chunk[]): Promise<void> {
  if (chunks.length === 0) return;
  await client.query(
    `UPDATE rag_chunks c SET line_start = u.line_start, line_end = u.line_end
     FROM unnest($1::text[], $2::int[], $3::int[]) AS u (id, line_start, line_end) WHERE c.id = u.id`,
    [chunks.map((c) => c.id), chunks.map((c) => c.lineStart), chunks.map((c) => c.lineEnd)],
  );
}

/** Inserts chunks and their postings; returns each chunk's field lengths. */
async function insertChunks(
  client: pg.PoolClient,
  path: string,
  chunks: readonly Chunk[],
): Promise<number[][]> {
  if (chunks.length === 0) return [];
  const counts = chunks.map(countChunkTerms);
  const lengths = counts.map((fields) =>
    fields.map((field) => [...field.values()].reduce((sum, n) => sum + n, 0)),
  );
  const { rows } = await client.query<{ id: string; doc: string }>(
    `INSERT INTO rag_chunks (id, path, hash, headings, line_start, line_end, tokens, text, field_lengths)
     SELECT u.id, $1, u.hash, u.headings::jsonb, u.line_start, u.line_end, u.tokens, u.text,
       ARRAY[u.len_headings, u.len_text]
     FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[], $9::int[], $10::int[])
       AS u (id, hash, headings, line_start, line_end, tokens, text, len_headings, len_text)
     RETURNING id, doc`,
    [
      path,
      chunks.map((c) => c.id),
      chunks.map((c) => c.hash),
      chunks.map((c) => JSON.stringify(c.headings)),
      chunks.map((c) => c.lineStart),
      chunks.map((c) => c.lineEnd),
      chunks.map((c) => c.tokens),
      chunks.map((c) => c.text),
      lengths.map((l) => l[0] ?? 0),
      lengths.map((l) => l[1] ?? 0),
    ],
  );
  const docOf = new Map(rows.map((row) => [row.id, row.doc]));
  const terms: string[] = [];
  const fields: number[] = [];
  const docs: string[] = [];
  const tfs: number[] = [];
  chunks.forEach((chunk, i) => {
    const doc = docOf.get(chunk.id) as string;
    counts[i]?.forEach((field, f) => {
      for (const [term, tf] of field) {
        terms.push(term);
        fields.push(f);
        docs.push(doc);
        tfs.push(tf);
      }
    });
  });
  await client.query(
    `INSERT INTO rag_postings (term, field, doc, tf)
     SELECT * FROM unnest($1::text[], $2::smallint[], $3::bigint[], $4::int[])`,
    [terms, fields, docs, tfs],
  );
  return lengths;
}

/** Keeps per-field document counts and total lengths, what BM25's idf and average length need. */
async function updateFieldStats(
  client: pg.PoolClient,
  removed: readonly number[][],
  added: readonly number[][],
): Promise<void> {
  for (let field = 0; field < chunkFields.length; field++) {
    let docs = 0;
    let length = 0;
    for (const [sign, list] of [
      [-1, removed],
      [1, added],
    ] as const) {
      for (const lengths of list) {
        const n = lengths[field] ?? 0;
        length += sign * n;
        if (n > 0) docs += sign;
      }
    }
    if (docs === 0 && length === 0) continue;
    await client.query(
      "UPDATE rag_field_stats SET doc_count = doc_count + $2, total_length = total_length + $3 WHERE field = $1",
      [field, docs, length],
    );
  }
}

async function insertVectors(
  client: pg.PoolClient,
  vectors: ReadonlyMap<string, Float32Array>,
): Promise<void> {
  const entries = [...vectors];
  // Binary parameters cannot travel inside an array, so rows go in batches of one statement.
  for (let start = 0; start < entries.length; start += 200) {
    const batch = entries.slice(start, start + 200);
    const values = batch.flatMap(([hash, vector]) => [hash, toPgVector(vector)]);
    const rows = batch.map((_, i) => `($${2 * i + 1}, $${2 * i + 2}::vector)`).join(", ");
    await client.query(
      `INSERT INTO rag_vectors (hash, embedding) VALUES ${rows} ON CONFLICT (hash) DO NOTHING`,
      values,
    );
  }
}

function modelMismatch(built: string, name: string): InvalidInputError {
  return new InvalidInputError(
    `This database holds vectors from the embedding model ${built}, not ${name}; vectors from two models cannot be mixed: pass --embed-model ${built}, or use another database to rebuild with ${name}.`,
  );
}

/** Connection failures as one line that says what to check; SQL errors pass through. */
function connectionError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ECONNRESET") {
    return new ConnectionError(
      "PostgreSQL",
      `${(error as Error).message}; check --pg / DATABASE_URL and that the server is running.`,
      error,
    );
  }
  return error;
}
