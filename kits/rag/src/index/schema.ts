/** Bumped when the tables change; an index with another version is rebuilt, not migrated. */
export const schemaVersion = "1";

/**
 * One SQLite file per index. Vectors are keyed by the chunk text's hash, so equal text (moved,
 * copied, or unchanged in an edited file) is embedded once. `chunks.terms` holds the chunk's BM25
 * term counts (numbers from `terms`), so opening an index restores BM25 without analysing text;
 * the long `text` column comes last so reading the others skips its overflow pages.
 */
export const schema = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
  path TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  status TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS chunks (
  id TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  hash TEXT NOT NULL,
  terms BLOB NOT NULL,
  headings TEXT NOT NULL,
  line_start INTEGER NOT NULL,
  line_end INTEGER NOT NULL,
  tokens INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS terms (
  id INTEGER PRIMARY KEY,
  term TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS chunks_by_path ON chunks (path);
CREATE INDEX IF NOT EXISTS chunks_by_hash ON chunks (hash);
CREATE TABLE IF NOT EXISTS vectors (
  hash TEXT PRIMARY KEY,
  vector BLOB NOT NULL
);
`;
