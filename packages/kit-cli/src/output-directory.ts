import { accessSync, constants, existsSync, type Stats, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./usage-error.js";

/**
 * Where a command writes: `--out` when given, else `./output` of the folder it was run from.
 * Checked here, before anything is generated and paid for: a file where the folder should be,
 * or a folder this user may not write to, is a UsageError. The folder is made on the first save.
 */
export function outputDirectory(out?: string): string {
  const directory = resolve(out || "output");
  const named = out ? `--out ${out}` : "./output";
  // The folder itself, or else the nearest folder above it that exists (where it will be made).
  // A folder that does not exist yet but is named like a file (--out song.mp3) is a mistake:
  // the kit names the files itself.
  if (out && /\.(wav|mp3|flac|ogg|opus|m4a|png|jpe?g|webp|gif|mp4|webm|json|md|txt)$/i.test(out)) {
    if (!existsSync(directory)) {
      throw new UsageError(
        `${named} looks like a file name; --out takes a folder to write into (the file names are chosen for you, never overwriting)`,
      );
    }
  }
  let existing = directory;
  let found: Stats | undefined;
  while (!found) {
    try {
      found = statSync(existing);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") {
        throw new UsageError(`cannot use ${named}: ${existing} cannot be read (${code})`);
      }
      if (dirname(existing) === existing) return directory;
      existing = dirname(existing);
    }
  }
  if (!found.isDirectory()) {
    throw new UsageError(
      existing === directory
        ? `${named} is a file, not a folder; give a folder to write into`
        : `cannot make the folder ${named}: ${existing} is a file, not a folder`,
    );
  }
  // access() answers for this user's permissions (root passes almost everywhere) and a read-only
  // mount; what it cannot foresee fails at the save, which keeps the files elsewhere instead.
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new UsageError(`cannot write into ${existing}: no permission, or a read-only disk`);
  }
  return directory;
}
