import { InvalidInputError } from "@path/core";
import type { CivitaiFile, CivitaiModelVersion } from "./civitai-types.js";

/**
 * The file to download for a version: the one Civitai marks `primary`, else the first
 * `Model` file, else the first file. With `name`, that file (case-insensitive).
 */
export function pickFile(version: CivitaiModelVersion, name?: string): CivitaiFile {
  if (name !== undefined) {
    const named = version.files.find((file) => file.name.toLowerCase() === name.toLowerCase());
    if (!named) {
      throw new InvalidInputError(
        `version ${version.id} has no file "${name}"; its files are: ${version.files.map((file) => file.name).join(", ")}`,
      );
    }
    return named;
  }
  const file =
    version.files.find((candidate) => candidate.primary) ??
    version.files.find((candidate) => candidate.type === "Model") ??
    version.files[0];
  if (!file) throw new InvalidInputError(`version ${version.id} has no files to download`);
  return file;
}

/**
 * The primary file of a version without throwing, for tables (search results may list a
 * version whose files are still being scanned).
 */
export function primaryFileOf(version: CivitaiModelVersion | undefined): CivitaiFile | undefined {
  if (!version || version.files.length === 0) return undefined;
  return pickFile(version);
}

/** Bytes from Civitai's `sizeKB` (KiB, a float): close to the real size, not exact. */
export function approximateBytes(file: CivitaiFile): number {
  return Math.round(file.sizeKB * 1024);
}

/** A name that is safe as one path segment: no folders, no `..`, no characters Windows refuses. */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, "_").replace(/^\.+/, "");
  return cleaned.trim() === "" ? "model.safetensors" : cleaned;
}
