/**
 * What the rag kit's stages hand each other: a loader turns a file into a {@link LoadedDocument},
 * the chunker turns that into {@link Chunk}s, the index stores and searches chunks.
 */

/** A file's readable text, with where each part came from. */
export interface LoadedDocument {
  /** The path as given, relative to the ingested folder, with `/` separators. */
  path: string;
  /** `"markdown"`, `"text"`, `"html"`, `"pdf"`, `"docx"`. */
  kind: string;
  /** The readable text. Lines match the source file's lines where the format has lines (md, txt). */
  text: string;
  /** The page title or first heading, when there is one. */
  title?: string;
  /** Notes for the person ingesting: "GBK decoded", "page 3 has no text layer", … */
  notes: string[];
}

/** One passage as stored and searched. */
export interface Chunk {
  /** Stable: the file path and the chunk's content hash, so an unchanged chunk keeps its id. */
  id: string;
  path: string;
  /** `["Install", "On Windows"]`: the headings above it, outermost first. */
  headings: string[];
  /** 1-based, inclusive, in the loaded text. */
  lineStart: number;
  lineEnd: number;
  text: string;
  /** SHA-256 of the text (hex); equal text → equal hash → its embedding is reused. */
  hash: string;
  /** Token count of `text` (gpt-tokenizer's cl100k_base). */
  tokens: number;
}
