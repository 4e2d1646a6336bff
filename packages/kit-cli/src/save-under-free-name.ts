import { existsSync } from "node:fs";
import { unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { PathError, saveFileAtomically } from "@path/core";
import { UsageError } from "./usage-error.js";

/** One file of a group that shares a name: a picture and its sidecar, or a single note. */
export interface FileToSave {
  /** Without the dot: `png`, `json`, `md`. */
  extension: string;
  data: Uint8Array | string;
}

export interface SaveUnderFreeNameOptions {
  /** The person typed the name: when it is taken that is an error, not `-2`. */
  chosenByUser?: boolean;
  /**
   * Between the name and its number when the name is taken: `-` (`notes-2.md`, the default)
   * or `_` for names that end in a number of their own (`…-seed42_2.png`).
   */
  separator?: "-" | "_";
}

/**
 * Writes files that share a name (a picture and its sidecar, or one text) into `directory`
 * (made when missing) under the first free name: `stem`, then `stem-2`, `stem-3`, … Nothing
 * that exists is ever replaced, and a group is written whole or not at all. Returns the paths,
 * in the order of `files`. A name that would land outside `directory` is a UsageError.
 */
export async function saveUnderFreeName(
  directory: string,
  stem: string,
  files: FileToSave[],
  options: SaveUnderFreeNameOptions = {},
): Promise<string[]> {
  const separator = options.separator ?? "-";
  for (let attempt = 1; attempt <= 1000; attempt++) {
    const name = attempt === 1 ? stem : `${stem}${separator}${attempt}`;
    const paths = files.map((file) => pathInside(directory, `${name}.${file.extension}`));
    if (!options.chosenByUser && paths.some((path) => existsSync(path))) continue;
    const written: string[] = [];
    try {
      for (const [index, file] of files.entries()) {
        await saveFileAtomically(paths[index]!, file.data);
        written.push(paths[index]!);
      }
      return paths;
    } catch (error) {
      // Taken (by someone else, between the check and the write): undo our half, try the next.
      await Promise.all(written.map((path) => unlink(path).catch(() => {})));
      const taken = PathError.isInstance(error) && error.code === "file-exists";
      if (!taken || options.chosenByUser) throw error;
    }
  }
  throw new PathError("file-exists", `No free file name for ${stem} in ${directory}.`);
}

/** Where {@link saveOrRecover} keeps files it could not write where they were meant to go. */
export interface SavedOrRecovered {
  paths: string[];
  /** Set when `directory` could not be written: why, and the files are in `paths` instead. */
  recovered?: { reason: string };
}

/**
 * {@link saveUnderFreeName}, but when `directory` cannot be written (a file where the folder
 * should be, no permission, a full or read-only disk) the files go to a recovery folder instead
 * of being lost: `recoveryDirectory`, by default genai-path-recovered in the OS temp folder,
 * which exists and is writable everywhere and is often on another disk than the one that failed.
 */
export async function saveOrRecover(
  directory: string,
  stem: string,
  files: FileToSave[],
  options: SaveUnderFreeNameOptions & { recoveryDirectory?: string } = {},
): Promise<SavedOrRecovered> {
  try {
    return { paths: await saveUnderFreeName(directory, stem, files, options) };
  } catch (error) {
    const chosenNameTaken =
      options.chosenByUser && PathError.isInstance(error) && error.code === "file-exists";
    if (error instanceof UsageError || chosenNameTaken) throw error;
    const recovery = options.recoveryDirectory ?? join(tmpdir(), "genai-path-recovered");
    const paths = await saveUnderFreeName(recovery, stem, files, { separator: options.separator });
    return { paths, recovered: { reason: (error as Error).message } };
  }
}

function pathInside(directory: string, name: string): string {
  const path = resolve(directory, name);
  const inside = relative(resolve(directory), path);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) {
    throw new UsageError(
      `${name} is outside ${basename(directory)}/; give a file name like notes.md`,
    );
  }
  return path;
}
