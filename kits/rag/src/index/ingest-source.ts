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

/** The files to ingest, and entries left out with why (a symlink out of the folder, …). */
export interface SourceListing {
  files: SourceFile[];
  skipped: Array<{ path: string; reason: string }>;
}

/** How the files of a folder are found and turned into chunks (loaders + chunker). */
export interface IngestSource {
  /** `exclude`: folders to leave out, such as the index's own when it lies inside `folder`. */
  list(folder: string, exclude: string[]): Promise<SourceListing>;
  /** Throws when the file cannot be read; the ingest lists it and goes on. */
  load(file: SourceFile): Promise<LoadedChunks>;
}
