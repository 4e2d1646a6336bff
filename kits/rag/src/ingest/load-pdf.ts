import { extractText, getDocumentProxy } from "unpdf";
import { normalizeLineEnds } from "./decode-text.js";
import type { LoadedDocument } from "./document.js";

/** The text layer of each page, pages separated by a blank line; pages without one are noted. */
export async function loadPdf(path: string, bytes: Uint8Array): Promise<LoadedDocument> {
  // verbosity 0: pdf.js would print its recovery warnings ("Indexing all PDF objects") to stderr.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  try {
    const { totalPages, text: pages } = await extractText(pdf, { mergePages: false });
    const blank = pages.flatMap((page, i) => (page.trim() === "" ? [i + 1] : []));
    const notes: string[] = [];
    if (blank.length > 0 && blank.length < totalPages) {
      notes.push(
        `${pageList(blank)} of ${totalPages} ${blank.length === 1 ? "has" : "have"} no text layer (scanned?): OCR the PDF to include their text`,
      );
    }
    const text = pages
      .map((page) => normalizeLineEnds(page).trim())
      .filter(Boolean)
      .join("\n\n");
    return { path, kind: "pdf", text, notes };
  } finally {
    await pdf.destroy();
  }
}

function pageList(pages: number[]): string {
  const shown = pages.slice(0, 10).join(", ");
  const more = pages.length > 10 ? ` and ${pages.length - 10} more` : "";
  return `${pages.length === 1 ? "page" : "pages"} ${shown}${more}`;
}
