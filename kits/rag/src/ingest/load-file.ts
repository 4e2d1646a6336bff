import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { formatBytes } from "@path/kit-cli";
import { decodeText } from "./decode-text.js";
import type { LoadedDocument } from "./document.js";
import { loadDocx } from "./load-docx.js";
import { loadHtml } from "./load-html.js";
import { loadMarkdown } from "./load-markdown.js";
import { loadPdf } from "./load-pdf.js";
import { loadText } from "./load-text.js";

export type LoadOutcome =
  | { status: "loaded"; document: LoadedDocument }
  /** Nothing to ingest, on purpose: binary, too big, empty, a scanned PDF, an unknown type. */
  | { status: "skipped"; path: string; reason: string }
  /** The file should have text but could not be read: damaged, locked, unreadable. */
  | { status: "failed"; path: string; reason: string };

export interface LoadOptions {
  /** Files larger than this are skipped. Default 20 MB. */
  maxBytes?: number;
}

export const defaultMaxBytes = 20_000_000;

const kindByExtension: Record<string, "markdown" | "text" | "html" | "pdf" | "docx"> = {
  ".md": "markdown",
  ".markdown": "markdown",
  ".mdx": "markdown",
  ".txt": "text",
  ".text": "text",
  ".rst": "text",
  ".org": "text",
  ".adoc": "text",
  ".log": "text",
  ".csv": "text",
  ".tsv": "text",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".pdf": "pdf",
  ".docx": "docx",
};

/** Which files `loadFile` reads, by extension. */
export const supportedExtensions = Object.keys(kindByExtension);

/**
 * Loads one file: `path` is how the document is named (relative, `/` separators),
 * `absolutePath` where to read it. Never throws for a bad file: it says skipped or failed, and why.
 */
export async function loadFile(
  path: string,
  absolutePath: string,
  options: LoadOptions = {},
): Promise<LoadOutcome> {
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const extension = extname(path).toLowerCase();
  const kind = kindByExtension[extension];
  const skip = (reason: string): LoadOutcome => ({ status: "skipped", path, reason });
  const fail = (reason: string): LoadOutcome => ({ status: "failed", path, reason });
  try {
    const { size } = await stat(absolutePath);
    if (size > maxBytes) {
      return skip(
        `${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit for one file: split it or raise the limit`,
      );
    }
    if (size === 0) return skip("empty file");
    const bytes = await readFile(absolutePath);
    if (!kind) {
      const what = looksBinary(bytes)
        ? "binary file"
        : `not a supported type (${extension || "no extension"})`;
      return skip(`${what}: the kit reads ${supportedExtensions.join(" ")}`);
    }
    if ((kind === "text" || kind === "markdown" || kind === "html") && looksBinary(bytes)) {
      return skip(`binary content in a ${extension} file: not ingested`);
    }
    const document = await loadByKind(kind, path, bytes);
    if (document.text.trim() === "") {
      return skip(
        kind === "pdf"
          ? "PDF has no text layer on any page (a scan?): run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`, and ingest the result"
          : "no text in it",
      );
    }
    return { status: "loaded", document };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    if (kind === "pdf" || kind === "docx") {
      return fail(
        `cannot be read as ${kind.toUpperCase()} (${message}): is it damaged or password-protected?`,
      );
    }
    return fail(`cannot be read (${message}): check that it exists and you may read it`);
  }
}

async function loadByKind(kind: string, path: string, bytes: Buffer): Promise<LoadedDocument> {
  if (kind === "pdf") return loadPdf(path, bytes);
  if (kind === "docx") return loadDocx(path, bytes);
  const { text, note } = decodeText(bytes, kind === "html" ? declaredCharset(bytes) : undefined);
  const notes = note ? [note] : [];
  if (kind === "html") return loadHtml(path, text, notes);
  if (kind === "markdown") return loadMarkdown(path, text, notes);
  return loadText(path, text, notes);
}

/** A NUL byte in the first 8 KB means binary, unless a UTF-16 BOM says it is text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return !utf16 && bytes.subarray(0, 8192).includes(0);
}

/** `<meta charset="gbk">` or `<meta http-equiv="Content-Type" content="text/html; charset=big5">`. */
function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 4096).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}
