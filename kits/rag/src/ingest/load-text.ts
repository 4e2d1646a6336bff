import type { LoadedDocument } from "./document.js";

/** A plain text file, its lines as they are; the title is its first non-empty line, if short. */
export function loadText(path: string, text: string, notes: string[] = []): LoadedDocument {
  const firstLine = text
    .split("\n")
    .find((line) => line.trim() !== "")
    ?.trim();
  const title = firstLine && firstLine.length <= 120 ? firstLine : undefined;
  return { path, kind: "text", text, title, notes };
}
