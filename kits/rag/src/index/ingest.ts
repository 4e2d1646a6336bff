import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type { EmbeddingModel } from "@path/core";
import { AbortedError, type CallOptions, embed, InvalidInputError, resolveModel } from "@path/core";
import type { Chunk } from "../ingest/document.js";
import type { IngestSource, SourceFile } from "./ingest-source.js";
import type { FileRecord, RagStore } from "./rag-store.js";
import { unitVector } from "./unit-vector.js";

export interface IngestProgress {
  /** Files looked at so far (committed, unchanged, failed) and in all. */
  files: number;
  totalFiles: number;
  /** Chunks committed in this run. */
  chunks: number;
  /** Texts embedded in this run. */
  embedded: number;
  /** The file just finished, if any. */
  path?: string;
}

export interface IngestOptions extends Pick<CallOptions, "signal"> {
  index: RagStore;
  folder: string;
  source: IngestSource;
  /** `"provider:model"` or a model; omitted → the index's model, else `GENAI_EMBED_MODEL` or the default. */
  model?: string | EmbeddingModel;
  /** Texts gathered (across files) before one embedding call. Default 64. */
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestReport {
  added: string[];
  changed: string[];
  unchanged: number;
  removed: string[];
  /** Files that could not be read; their earlier chunks, if any, are kept. */
  failed: Array<{ path: string; reason: string }>;
  notes: Array<{ path: string; note: string }>;
  chunks: number;
  embedded: number;
  /** Chunks whose vector was already stored (same text). */
  reused: number;
  embedModel: string;
}

interface Pending {
  record: FileRecord;
  chunks: Chunk[];
  isNew: boolean;
}

/**
 * Brings the index in line with the folder, incrementally by content hash: unchanged files are
 * skipped, a changed file's chunks are replaced and only texts without a stored vector are
 * embedded, files gone from the folder are forgotten. Each file is committed in its own
 * transaction after its embeddings arrive, so a killed ingest leaves a consistent index and the
 * next one completes it.
 */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const { index, source, folder } = options;
  const model = await resolveModel("embed", options.model ?? (await index.embedModel()));
  const modelName = `${model.provider}:${model.modelId}`;
  await index.checkEmbedModel(modelName);
  const { files, skipped } = await listFolder(source, folder, index.folder ? [index.folder] : []);
  const report: IngestReport = {
    added: [],
    changed: [],
    unchanged: 0,
    removed: [],
    failed: [],
    notes: skipped.map(({ path, reason }) => ({ path, note: `skipped: ${reason}` })),
    chunks: 0,
    embedded: 0,
    reused: 0,
    embedModel: modelName,
  };
  const present = new Set(files.map((file) => file.path));
  for (const path of await index.paths()) {
    if (!present.has(path) && (await index.forget(path))) report.removed.push(path);
  }

  const batchSize = options.batchSize ?? 64;
  let done = 0;
  let pending: Pending[] = [];
  const queued = new Set<string>();
  const progress = (path?: string) =>
    options.onProgress?.({
      files: done,
      totalFiles: files.length,
      chunks: report.chunks,
      embedded: report.embedded,
      ...(path === undefined ? {} : { path }),
    });

  const flush = async () => {
    const texts = new Map<string, string>();
    for (const { chunks } of pending) {
      for (const chunk of chunks) if (queued.has(chunk.hash)) texts.set(chunk.hash, chunk.text);
    }
    const vectors = await embedTexts(model, texts, options.signal);
    report.embedded += vectors.size;
    for (const { record, chunks, isNew } of pending) {
      const own = new Map<string, Float32Array>();
      for (const chunk of chunks) {
        const vector = vectors.get(chunk.hash);
        if (vector) own.set(chunk.hash, vector);
      }
      await index.commitFile(record, chunks, own, modelName);
      (isNew ? report.added : report.changed).push(record.path);
      report.chunks += chunks.length;
      done++;
      progress(record.path);
    }
    pending = [];
    queued.clear();
  };

  for (const file of files) {
    if (options.signal?.aborted) throw new AbortedError();
    const known = await index.fileRecord(file.path);
    const fresh = known?.status !== "failed" ? known : undefined;
    if (fresh && fresh.size === file.size && fresh.mtimeMs === file.mtimeMs) {
      report.unchanged++;
      done++;
      progress(file.path);
      continue;
    }
    const prepared = await prepare(file, fresh);
    if (prepared === "unchanged") {
      report.unchanged++;
    } else if (prepared !== undefined) {
      const hashes = prepared.chunks.map((chunk) => chunk.hash);
      const missing = (await index.missingVectors(hashes)).filter((hash) => !queued.has(hash));
      report.reused += hashes.length - missing.length;
      for (const hash of missing) queued.add(hash);
      pending.push({ ...prepared, isNew: known === undefined || known.status === "failed" });
      if (queued.size >= batchSize) await flush();
      continue;
    }
    done++;
    progress(file.path);
  }
  await flush();
  await index.dropUnusedVectors();
  return report;

  /** Reads, hashes and chunks one file; undefined when it failed (recorded), or "unchanged". */
  async function prepare(
    file: SourceFile,
    known: FileRecord | undefined,
  ): Promise<{ record: FileRecord; chunks: Chunk[] } | "unchanged" | undefined> {
    try {
      const hash = createHash("sha256")
        .update(await readFile(file.absolutePath))
        .digest("hex");
      if (known && known.hash === hash) {
        await index.writeFile({ ...known, size: file.size, mtimeMs: file.mtimeMs });
        return "unchanged";
      }
      const loaded = await source.load(file);
      const chunks = loaded.chunks.filter((chunk) => chunk.text.trim() !== "");
      for (const note of loaded.notes) report.notes.push({ path: file.path, note });
      const status = chunks.length > 0 ? "indexed" : "empty";
      const record: FileRecord = { ...file, hash, status, notes: loaded.notes };
      return { record, chunks };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      report.failed.push({ path: file.path, reason });
      // A file indexed before keeps its chunks; a new one is recorded so stats can list it.
      if (!known) {
        const { path, size, mtimeMs } = file;
        await index.writeFile({ path, hash: "", size, mtimeMs, status: "failed", notes: [reason] });
      }
      return undefined;
    }
  }
}

async function listFolder(source: IngestSource, folder: string, exclude: string[]) {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new InvalidInputError(
      `${folder} is not a folder: give the folder of documents to ingest.`,
    );
  }
  const listing = await source.list(folder, exclude);
  if (listing.files.length === 0) {
    throw new InvalidInputError(
      `${folder} has no documents to ingest: add Markdown, text, HTML, PDF or DOCX files to it.`,
    );
  }
  return listing;
}

/** Embeds the texts (hash → text), returning unit-length Float32 vectors by hash. */
async function embedTexts(
  model: EmbeddingModel,
  texts: ReadonlyMap<string, string>,
  signal: AbortSignal | undefined,
): Promise<Map<string, Float32Array>> {
  const vectors = new Map<string, Float32Array>();
  if (texts.size === 0) return vectors;
  const hashes = [...texts.keys()];
  const { embeddings } = await embed({
    model,
    values: [...texts.values()],
    ...(signal ? { signal } : {}),
  });
  embeddings.forEach((embedding, i) => {
    vectors.set(hashes[i] as string, unitVector(embedding));
  });
  return vectors;
}
