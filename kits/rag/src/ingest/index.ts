/** Ingest: list a folder's files, load each as text, cut the text into chunks. */
export { type ChunkOptions, chunkDocument, defaultChunkOptions } from "./chunk.js";
export { countTokens } from "./count-tokens.js";
export type { Chunk, LoadedDocument } from "./document.js";
export {
  defaultMaxBytes,
  type LoadOptions,
  type LoadOutcome,
  loadFile,
  supportedExtensions,
} from "./load-file.js";
export { type FolderFile, type SkippedEntry, type WalkOptions, walkFolder } from "./walk-folder.js";
