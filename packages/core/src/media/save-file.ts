import { randomBytes } from "node:crypto";
import { link, mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PathError } from "../errors.js";

/**
 * Writes bytes atomically: to a temp file beside the target, then moved into place. Without
 * `overwrite`, an existing file is never replaced (the call fails instead).
 */
export async function saveFileAtomically(
  path: string,
  data: Uint8Array | string,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  await writeFile(temporary, data);
  try {
    if (options.overwrite) {
      await rename(temporary, path);
      return;
    }
    // link() fails if the target exists, so two writers can never clobber each other.
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new PathError("file-exists", `${path} already exists; nothing was overwritten.`);
    }
    throw error;
  } finally {
    await unlink(temporary).catch(() => {});
  }
}
