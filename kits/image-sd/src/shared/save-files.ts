import { existsSync } from "node:fs";
import { unlink } from "node:fs/promises";
import { join } from "node:path";
import { PathError, saveFileAtomically } from "@path/core";

export interface FileToSave {
  /** Without the dot: `png`, `json`. */
  extension: string;
  data: Uint8Array | string;
}

/**
 * Writes files that share a name (a picture and its sidecar) under the first free name:
 * `stem`, then `stem_2`, `stem_3`, … Nothing that exists is ever replaced. Returns the paths.
 */
export async function saveUnderFreeName(
  directory: string,
  stem: string,
  files: FileToSave[],
): Promise<string[]> {
  for (let attempt = 1; attempt <= 1000; attempt++) {
    const name = attempt === 1 ? stem : `${stem}_${attempt}`;
    const paths = files.map((file) => join(directory, `${name}.${file.extension}`));
    if (paths.some((path) => existsSync(path))) continue;
    const written: string[] = [];
    try {
      for (const [index, file] of files.entries()) {
        await saveFileAtomically(paths[index]!, file.data);
        written.push(paths[index]!);
      }
      return paths;
    } catch (error) {
      // Someone took the name between the check and the write: undo our half and try the next.
      await Promise.all(written.map((path) => unlink(path).catch(() => {})));
      if (!(PathError.isInstance(error) && error.code === "file-exists")) throw error;
    }
  }
  throw new PathError("file-exists", `No free file name for ${stem} in ${directory}.`);
}
