import { randomBytes } from "node:crypto";
import { open, rename } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Writes a file so that a crash leaves either the old file or the whole new one: a temporary
 * file beside it is written, flushed to disk and renamed over it, then the folder is flushed.
 */
export async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.tmp-${randomBytes(4).toString("hex")}`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncFolder(dirname(path));
}

/** Flushes a folder's entries (new names, renames) to disk. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } catch (error) {
    // Some systems cannot fsync a folder; the files themselves are flushed.
    if ((error as NodeJS.ErrnoException).code !== "EINVAL") throw error;
  } finally {
    await handle.close();
  }
}
