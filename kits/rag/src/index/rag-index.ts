import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "@path/core";
import type { Chunk } from "../ingest/document.js";
import type { Hit } from "../retrieval/hit.js";
import { analyzerFingerprint, countChunkTerms } from "./chunk-terms.js";
import { Generation, GenerationDamage, generationFolder, writeGeneration } from "./generation.js";
import {
  hasIndex,
  hasOlderIndex,
  keepAside,
  readCurrent,
  releaseLock,
  takeLock,
  writeCurrent,
} from "./index-folder.js";
import {
  decodeVector,
  encodeVector,
  type JournalChunk,
  JournalDamage,
  type JournalEntry,
  JournalWriter,
  readJournal,
} from "./journal.js";
import { type LiveFile, liveContent } from "./live-content.js";
import type { FileRecord, IndexStats, RagStore } from "./rag-store.js";
import type { Passage } from "./search.js";
import { type SearchState, searchStateOf } from "./search-state.js";

/**
 * The rag kit's embedded store: plain files in the index folder, no database and nothing to
 * compile. A *generation* (gen-NNNNNN/) is an immutable snapshot — chunk rows, one float32
 * vector matrix, a BM25 snapshot, a manifest — and `CURRENT` names the live one. Every change
 * is appended to that generation's journal before it counts, so a process killed at any moment
 * leaves each file either as it was or fully updated; the next writer replays the journal and,
 * at the end of its ingest, writes the next generation and points `CURRENT` at it.
 */
export class RagIndex implements RagStore {
  private base: Generation | undefined;
  private readonly files = new Map<string, LiveFile>();
  /** Vectors that arrived since the generation was written, by text hash. */
  private readonly newVectors = new Map<string, Float32Array>();
  private baseVectorRows: Map<string, number> | undefined;
  private model: { name?: string; dimensions?: number } = {};
  private changes = 0;
  private journalBytes = 0;
  private writer: JournalWriter | undefined;
  private state: SearchState | undefined;
  private readonly analyzer = analyzerFingerprint();

  private constructor(readonly folder: string) {}

  /** Whether `folder` holds an index (a folder without one is never mistaken for one). */
  static exists(folder: string): boolean {
    return hasIndex(folder);
  }

  /** Deletes the index's files in `folder` (and the folder when nothing else is in it). */
  static async remove(folder: string): Promise<void> {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder)) {
      if (name === "CURRENT" || name === "lock" || name.startsWith("gen-")) {
        await rm(join(folder, name), { recursive: true, force: true });
      }
    }
    await rmdir(folder).catch(() => undefined);
  }

  /**
   * Opens the index in `folder` (an empty one when there is none yet; nothing is written until
   * the first change). A damaged index is moved aside, never deleted, and the error says where.
   */
  static open(folder: string): RagIndex {
    const index = new RagIndex(folder);
    try {
      index.load();
    } catch (error) {
      const why = damageReason(error);
      if (why === undefined) throw error;
      const aside = keepAside(folder);
      throw new InvalidInputError(
        `The index in ${folder} is damaged (${why}); it was moved to ${aside}: ingest your folder again to rebuild the index.`,
      );
    }
    return index;
  }

  async embedModel(): Promise<string | undefined> {
    return this.model.name;
  }

  async checkEmbedModel(name: string): Promise<void> {
    this.checkModel(name);
  }

  async fileRecord(path: string): Promise<FileRecord | undefined> {
    return this.files.get(path)?.record;
  }

  async paths(): Promise<string[]> {
    return [...this.files.keys()].sort();
  }

  async chunksOf(path: string): Promise<Chunk[]> {
    return this.chunkList(this.files.get(path));
  }

  async vectorsOf(hashes: Iterable<string>): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    for (const hash of hashes) {
      const vector = this.vector(hash);
      if (vector) found.set(hash, vector);
    }
    return found;
  }

  async missingVectors(hashes: Iterable<string>): Promise<string[]> {
    return [...new Set(hashes)].filter((hash) => this.vector(hash) === undefined);
  }

  async commitFile(
    record: FileRecord,
    chunks: readonly Chunk[],
    vectors: ReadonlyMap<string, Float32Array>,
    model: string,
  ): Promise<void> {
    const fresh = new Map([...vectors].filter(([hash]) => this.vector(hash) === undefined));
    const first = fresh.values().next().value;
    if (first) this.fixModel(model, first);
    for (const chunk of chunks) {
      if (!fresh.has(chunk.hash) && this.vector(chunk.hash) === undefined) {
        throw new Error(`chunk ${chunk.id} of ${record.path} comes without its vector`);
      }
    }
    const journalChunks: JournalChunk[] = chunks.map((chunk) => ({
      ...chunk,
      terms: countChunkTerms(chunk).map((field) => [...field]),
    }));
    const encoded = Object.fromEntries([...fresh].map(([hash, v]) => [hash, encodeVector(v)]));
    await this.record({
      op: "file",
      record,
      chunks: journalChunks,
      vectors: encoded,
      ...(first ? { model } : {}),
    });
  }

  async writeFile(record: FileRecord): Promise<void> {
    await this.record({ op: "record", record });
  }

  async forget(path: string): Promise<boolean> {
    if (!this.files.has(path)) return false;
    await this.record({ op: "forget", path });
    return true;
  }

  /**
   * Writes the next generation with only the vectors the chunks use, and returns how many were
   * dropped. An ingest ends with this, so the next open reads one snapshot and no journal.
   */
  async dropUnusedVectors(): Promise<number> {
    const used = new Set<string>();
    for (const file of this.files.values())
      for (const chunk of this.chunkList(file)) used.add(chunk.hash);
    const unused = this.storedHashes().filter((hash) => !used.has(hash)).length;
    if (this.changes > 0 || unused > 0) await this.compact();
    return unused;
  }

  async stats(): Promise<IndexStats> {
    const files = [...this.files.values()];
    const stats: IndexStats = {
      files: files.filter((file) => file.record.status !== "failed").length,
      failedFiles: files
        .filter((file) => file.record.status === "failed")
        .map((file) => file.record.path)
        .sort(),
      chunks: files.reduce((sum, file) => sum + this.chunkCount(file), 0),
      tokens: files.reduce((sum, file) => sum + this.tokenCount(file), 0),
      vectors: this.storedHashes().length,
      location: this.folder,
      bytes: this.bytesOnDisk(),
    };
    if (this.model.name !== undefined) stats.embedModel = this.model.name;
    if (this.model.dimensions !== undefined) stats.dimensions = this.model.dimensions;
    return stats;
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

  /** BM25 and vector indexes over every chunk, built once and dropped on the next change. */
  searchState(): SearchState {
    this.state ??= searchStateOf({
      base: this.changes === 0 ? this.base : undefined,
      analyzer: this.analyzer,
      dimensions: this.model.dimensions,
      live: () => this.live(),
    });
    return this.state;
  }

  /** Writes what the journal holds into a new generation, then releases the index. */
  async close(): Promise<void> {
    if (!this.writer) return;
    if (this.changes > 0) await this.compact();
    await this.writer.close();
    this.writer = undefined;
    releaseLock(this.folder);
  }

  private load(): void {
    if (hasOlderIndex(this.folder) && !hasIndex(this.folder)) {
      throw new GenerationDamage("it is an index.sqlite from an earlier version of the kit");
    }
    const generation = readCurrent(this.folder);
    if (generation === undefined) return;
    this.base = new Generation(generationFolder(this.folder, generation));
    this.resetToBase();
    const journal = readJournal(this.journalPath());
    for (const entry of journal.entries) this.apply(entry);
    this.changes = journal.entries.length;
    this.journalBytes = journal.validBytes;
  }

  private resetToBase(): void {
    this.files.clear();
    this.newVectors.clear();
    this.baseVectorRows = undefined;
    const manifest = this.base?.manifest;
    this.model = {};
    if (manifest?.embedModel !== undefined) this.model.name = manifest.embedModel;
    if (manifest?.dimensions !== undefined) this.model.dimensions = manifest.dimensions;
    for (const { rows, tokens, ...record } of manifest?.files ?? []) {
      this.files.set(record.path, { record, rows, tokens });
    }
  }

  private journalPath(): string {
    return join(this.base?.folder ?? this.folder, "journal.jsonl");
  }

  /** Appends the change to the journal, then applies it in memory. */
  private async record(entry: JournalEntry): Promise<void> {
    await this.openWriter();
    await (this.writer as JournalWriter).append(entry);
    this.apply(entry);
    this.changes++;
  }

  private apply(entry: JournalEntry): void {
    this.state = undefined;
    if (entry.op === "forget") {
      this.files.delete(entry.path);
      return;
    }
    if (entry.op === "record") {
      const known = this.files.get(entry.record.path);
      this.files.set(entry.record.path, { ...(known ?? { chunks: [] }), record: entry.record });
      return;
    }
    for (const [hash, base64] of Object.entries(entry.vectors)) {
      const vector = decodeVector(base64);
      this.newVectors.set(hash, vector);
      if (entry.model !== undefined) this.model = { name: entry.model, dimensions: vector.length };
    }
    this.files.set(entry.record.path, { record: entry.record, chunks: entry.chunks });
  }

  /** Takes the writer's lock and, for a new index, writes its empty first generation. */
  private async openWriter(): Promise<void> {
    if (this.writer) return;
    mkdirSync(this.folder, { recursive: true });
    takeLock(this.folder);
    if (!this.base) {
      await this.writeNext(0);
    }
    this.writer = await JournalWriter.open(this.journalPath(), this.journalBytes);
  }

  private async compact(): Promise<void> {
    await this.openWriter();
    const next = (this.base?.manifest.generation ?? -1) + 1;
    await this.writeNext(next);
    await this.writer?.close();
    this.writer = await JournalWriter.open(this.journalPath(), 0);
    // Readers may still be reading the previous generation; older ones go.
    for (const name of readdirSync(this.folder)) {
      const n = /^gen-(\d+)$/.exec(name)?.[1];
      if (n !== undefined && Number(n) < next - 1) {
        await rm(join(this.folder, name), { recursive: true, force: true });
      }
    }
  }

  /** Writes generation `n` from what is live now, points CURRENT at it, and reopens from it. */
  private async writeNext(n: number): Promise<void> {
    const content = this.live();
    const folder = generationFolder(this.folder, n);
    await rm(folder, { recursive: true, force: true });
    await writeGeneration(folder, n, {
      manifest: {
        ...(this.model.name === undefined ? {} : { embedModel: this.model.name }),
        ...(this.model.dimensions === undefined ? {} : { dimensions: this.model.dimensions }),
        analyzer: this.analyzer,
        chunks: content.chunks.length,
        files: content.files,
      },
      chunks: content.chunks,
      vectors: content.vectors,
      bm25: content.bm25Bytes(),
    });
    await writeCurrent(this.folder, n);
    this.base = new Generation(folder);
    this.resetToBase();
    this.changes = 0;
    this.journalBytes = 0;
    this.state = undefined;
  }

  private live() {
    return liveContent({
      files: this.files,
      base: this.base,
      analyzer: this.analyzer,
      dimensions: this.model.dimensions,
      vector: (hash) => this.vector(hash),
    });
  }

  private chunkList(file: LiveFile | undefined): Chunk[] {
    if (!file) return [];
    if (file.chunks) return file.chunks.map(({ terms: _terms, ...chunk }) => chunk);
    const [start, end] = file.rows ?? [0, 0];
    return (this.base as Generation).chunks(start, end);
  }

  private chunkCount(file: LiveFile): number {
    return file.chunks ? file.chunks.length : (file.rows?.[1] ?? 0) - (file.rows?.[0] ?? 0);
  }

  private tokenCount(file: LiveFile): number {
    return file.chunks
      ? file.chunks.reduce((sum, chunk) => sum + chunk.tokens, 0)
      : (file.tokens ?? 0);
  }

  private vector(hash: string): Float32Array | undefined {
    const fresh = this.newVectors.get(hash);
    if (fresh) return fresh;
    const row = this.vectorRows().get(hash);
    return row === undefined ? undefined : this.base?.vector(row);
  }

  private vectorRows(): Map<string, number> {
    if (!this.baseVectorRows) {
      this.baseVectorRows = new Map();
      if (this.base && this.base.manifest.dimensions !== undefined) {
        this.base.rows().hashes.forEach((hash, row) => {
          if (!this.baseVectorRows?.has(hash)) this.baseVectorRows?.set(hash, row);
        });
      }
    }
    return this.baseVectorRows;
  }

  private storedHashes(): string[] {
    return [...new Set([...this.vectorRows().keys(), ...this.newVectors.keys()])];
  }

  private bytesOnDisk(): number {
    if (!this.base) return 0;
    let bytes = 0;
    for (const name of readdirSync(this.base.folder)) {
      bytes += statSync(join(this.base.folder, name)).size;
    }
    return bytes;
  }

  private checkModel(name: string): void {
    const built = this.model.name;
    if (built === undefined || built === name) return;
    throw new InvalidInputError(
      `This index was built with the embedding model ${built}, not ${name}; vectors from two models cannot be mixed: pass --embed-model ${built}, or use a new --index folder to rebuild with ${name}.`,
    );
  }

  private fixModel(model: string, sample: Float32Array): void {
    this.checkModel(model);
    const dimensions = this.model.dimensions;
    if (dimensions !== undefined && dimensions !== sample.length) {
      throw new InvalidInputError(
        `${model} returned ${sample.length}-dimensional vectors, the index holds ${dimensions}: use a new --index folder for a model with another size.`,
      );
    }
  }
}

/** Why an index counts as damaged, or undefined for an error that is not about its files. */
function damageReason(error: unknown): string | undefined {
  if (error instanceof GenerationDamage || error instanceof JournalDamage) return error.message;
  if (error instanceof SyntaxError) return error.message;
  if (error instanceof InvalidInputError && /cannot be read/.test(error.message))
    return error.message;
  return undefined;
}
