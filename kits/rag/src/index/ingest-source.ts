import type { Chunk } from "../ingest/document.js";

/** A file found in the ingested folder. */
export interface SourceFile {
  /** Relative to the folder, `/` separators: the key the index stores. */
  path: string;
  absolutePath: string;
  size: number;
  mtimeMs: number;
}

/** A file's chunks, with notes for the person ingesting ("GBK decoded", "no text layer", …). */
export interface LoadedChunks {
  chunks: Chunk[];
  notes: string[];
}

/** How the files of a folder are found and turned into chunks (loaders + chunker). */
export interface IngestSource {
  list(folder: string): Promise<SourceFile[]>;
  /** Throws when the file cannot be read; the ingest lists it and goes on. */
  load(file: SourceFile): Promise<LoadedChunks>;
}
