import mammoth from "mammoth";
import type { LoadedDocument } from "./document.js";
import { htmlToText } from "./html-to-text.js";

/** A Word document's text; its Heading 1–6 paragraphs become headings the chunker follows. */
export async function loadDocx(path: string, bytes: Buffer): Promise<LoadedDocument> {
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
  const text = htmlToText(html);
  const title = /^#+ (.*)$/m.exec(text)?.[1];
  return { path, kind: "docx", text, title, notes: [] };
}
