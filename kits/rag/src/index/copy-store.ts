import type { RagStore } from "./rag-store.js";

export interface CopyProgress {
  files: number;
  totalFiles: number;
  chunks: number;
}

/**
 * Copies one store into another, file by file (each one atomic), with the vectors already
 * computed: how a corpus built on a laptop moves to a shared PostgreSQL without embedding
 * anything again. Files the target has with the same content hash are skipped; files it has
 * that the source does not are forgotten.
 */
export async function copyStore(
  from: RagStore,
  to: RagStore,
  onProgress?: (progress: CopyProgress) => void,
): Promise<{ files: number; skipped: number; chunks: number }> {
  const model = await from.embedModel();
  if (model !== undefined) await to.checkEmbedModel(model);
  const paths = await from.paths();
  const copied = { files: 0, skipped: 0, chunks: 0 };
  for (const [n, path] of paths.entries()) {
    const record = await from.fileRecord(path);
    if (!record) continue;
    const there = await to.fileRecord(path);
    if (there?.hash === record.hash && there.status === record.status) {
      copied.skipped++;
    } else {
      const chunks = await from.chunksOf(path);
      const missing = await to.missingVectors(chunks.map((chunk) => chunk.hash));
      await to.commitFile(record, chunks, await from.vectorsOf(missing), model ?? "");
      copied.files++;
      copied.chunks += chunks.length;
    }
    onProgress?.({ files: n + 1, totalFiles: paths.length, chunks: copied.chunks });
  }
  const kept = new Set(paths);
  for (const path of await to.paths()) if (!kept.has(path)) await to.forget(path);
  await to.dropUnusedVectors();
  return copied;
}
