/**
 * The rag kit's tables on PostgreSQL. Chunks keep the kit's own analysed terms as postings
 * (term, field, chunk, tf) so BM25 is computed in SQL with the embedded store's formula and
 * Chinese is searchable (`to_tsvector('simple', …)` keeps a whole Chinese clause as one token).
 * Vectors are stored once per text hash; their table is made when the first vector arrives,
 * because `vector(N)` needs the model's dimensions.
 */
export const baseSchema = `
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE IF NOT EXISTS rag_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS rag_files (
  path text PRIMARY KEY, hash text NOT NULL, size bigint NOT NULL,
  mtime_ms double precision NOT NULL, status text NOT NULL, notes jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS rag_chunks (
  doc bigserial PRIMARY KEY, id text NOT NULL UNIQUE, path text NOT NULL, hash text NOT NULL,
  headings jsonb NOT NULL, line_start integer NOT NULL, line_end integer NOT NULL,
  tokens integer NOT NULL, text text NOT NULL, field_lengths integer[] NOT NULL);
CREATE INDEX IF NOT EXISTS rag_chunks_path ON rag_chunks (path);
CREATE INDEX IF NOT EXISTS rag_chunks_hash ON rag_chunks (hash);
CREATE TABLE IF NOT EXISTS rag_postings (
  term text NOT NULL, field smallint NOT NULL,
  doc bigint NOT NULL REFERENCES rag_chunks (doc) ON DELETE CASCADE, tf integer NOT NULL,
  PRIMARY KEY (term, field, doc));
CREATE INDEX IF NOT EXISTS rag_postings_doc ON rag_postings (doc);
CREATE TABLE IF NOT EXISTS rag_field_stats (
  field smallint PRIMARY KEY, doc_count bigint NOT NULL, total_length bigint NOT NULL);
INSERT INTO rag_field_stats VALUES (0, 0, 0), (1, 0, 0) ON CONFLICT DO NOTHING;
`;

export function vectorTable(dimensions: number): string {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16000) {
    throw new RangeError(`vector dimensions must be an integer in 1..16000, got ${dimensions}`);
  }
  return `CREATE TABLE IF NOT EXISTS rag_vectors (hash text PRIMARY KEY, embedding vector(${dimensions}) NOT NULL)`;
}

export interface HnswOptions {
  /** Links per node. pgvector's default 16. */
  m?: number;
  /** Candidate list while building. pgvector's default 64. */
  efConstruction?: number;
}

export function hnswIndex(options: HnswOptions = {}): string {
  const m = Math.trunc(options.m ?? 16);
  const ef = Math.trunc(options.efConstruction ?? 64);
  return `CREATE INDEX IF NOT EXISTS rag_vectors_hnsw ON rag_vectors USING hnsw (embedding vector_cosine_ops) WITH (m = ${m}, ef_construction = ${ef})`;
}
