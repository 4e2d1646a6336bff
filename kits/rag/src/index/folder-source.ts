import { type ChunkOptions, chunkDocument } from "../ingest/chunk.js";
import { type LoadOptions, loadFile } from "../ingest/load-file.js";
import { walkFolder } from "../ingest/walk-folder.js";
import type { IngestSource } from "./ingest-source.js";

export interface FolderSourceOptions extends LoadOptions, ChunkOptions {
  /** Folders not to ingest, such as the index's own when it lies inside the folder. */
  exclude?: string[];
}

/** The kit's loaders and chunker as an ingest source: a skipped file has no chunks and a note. */
export function folderSource(options: FolderSourceOptions = {}): IngestSource {
  return {
    list(folder, exclude) {
      return walkFolder(folder, { exclude: [...exclude, ...(options.exclude ?? [])] });
    },
    async load(file) {
      const outcome = await loadFile(file.path, file.absolutePath, options);
      if (outcome.status === "failed") throw new Error(outcome.reason);
      if (outcome.status === "skipped")
        return { chunks: [], notes: [`skipped: ${outcome.reason}`] };
      const { document } = outcome;
      return { chunks: chunkDocument(document, options), notes: document.notes };
    },
  };
}
