import type { RagIndex } from "../index/rag-index.js";
import type { Chunk } from "../ingest/document.js";
import type { PgRagStore } from "./pg-store.js";

export interface CopyProgress {
  files: number;
  totalFiles: number;
  chunks: number;
}

/**
 * Copies an embedded index into PostgreSQL, file by file (each one transaction), with the
 * vectors already computed: the way to move a corpus built on a laptop to a shared database
 * without embedding anything again. Files the store has with the same content hash are skipped.
 */
export async function copyIndexToPostgres(
  index: RagIndex,
  store: PgRagStore,
  onProgress?: (progress: CopyProgress) => void,
): Promise<{ files: number; skipped: number; chunks: number }> {
  const model = index.embedModel;
  if (model !== undefined) await store.checkEmbedModel(model);
  const state = index.searchState();
  const byPath = new Map<string, Chunk[]>();
  for (const id of state.bm25.ids()) {
    const chunk = state.chunk(id);
    if (!chunk) continue;
    const list = byPath.get(chunk.path) ?? [];
    list.push(chunk);
    byPath.set(chunk.path, list);
  }
  const paths = index.paths();
  const copied = { files: 0, skipped: 0, chunks: 0 };
  for (const [n, path] of paths.entries()) {
    const record = index.fileRecord(path);
    if (!record) continue;
    const there = await store.fileRecord(path);
    if (there?.hash === record.hash && there.status === record.status) {
      copied.skipped++;
    } else {
      const chunks = (byPath.get(path) ?? []).sort((a, b) => a.lineStart - b.lineStart);
      const missing = new Set(await store.missingVectors(chunks.map((chunk) => chunk.hash)));
      const vectors = new Map<string, Float32Array>();
      for (const chunk of chunks) {
        const vector = missing.has(chunk.hash) ? state.vectors?.get(chunk.id) : undefined;
        if (vector) vectors.set(chunk.hash, vector);
      }
      await store.commitFile(record, chunks, vectors, model ?? "");
      copied.files++;
      copied.chunks += chunks.length;
    }
    onProgress?.({ files: n + 1, totalFiles: paths.length, chunks: copied.chunks });
  }
  for (const path of await store.paths()) {
    if (index.fileRecord(path) === undefined) await store.forget(path);
  }
  return copied;
}
