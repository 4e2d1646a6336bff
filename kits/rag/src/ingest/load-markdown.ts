import type { LoadedDocument } from "./document.js";
import { firstHeading, frontMatterTitle } from "./markdown-outline.js";

/**
 * A Markdown file's text, unchanged, so lines match the file; the chunker reads its headings
 * (see `outline`) and gives each chunk its heading path.
 */
export function loadMarkdown(path: string, text: string, notes: string[] = []): LoadedDocument {
  const title = frontMatterTitle(text) ?? firstHeading(text);
  return { path, kind: "markdown", text, title, notes };
}
