import { randomBytes } from "node:crypto";
import { link, mkdir, open, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PathError } from "../errors.js";

/** The one call some file systems (exFAT, FAT32, some network shares) do not support. */
export interface LinkingFileSystem {
  link(existingPath: string, newPath: string): Promise<void>;
}

/** What `link` fails with where hard links are not supported, rather than because of the target. */
const linksUnsupported = new Set([
  "EPERM",
  "ENOTSUP",
  "EOPNOTSUPP",
  "ENOSYS",
  "EXDEV",
  "EMLINK",
  "EACCES",
]);

/**
 * Writes bytes atomically: to a temp file beside the target, then moved into place. Without
 * `overwrite`, an existing file is never replaced (the call fails instead).
 */
export function saveFileAtomically(
  path: string,
  data: Uint8Array | string,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  return saveFileWith({ link }, path, data, options);
}

/** {@link saveFileAtomically} with the file system's `link` passed in (tests take it away). */
export async function saveFileWith(
  fileSystem: LinkingFileSystem,
  path: string,
  data: Uint8Array | string,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, data);
    if (options.overwrite) {
      await rename(temporary, path);
      return;
    }
    // link() fails if the target exists, so two writers can never clobber each other.
    await fileSystem.link(temporary, path).catch((error: NodeJS.ErrnoException) => {
      if (!linksUnsupported.has(error.code ?? "")) throw error;
      return writeExclusively(path, data);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new PathError("file-exists", `${path} already exists; nothing was overwritten.`);
    }
    throw error;
  } finally {
    await unlink(temporary).catch(() => {});
  }
}

/**
 * Without hard links: create the target exclusively and write into it. Still never overwrites;
 * not atomic for a reader that looks mid-write, so a failed write removes the half-file.
 */
async function writeExclusively(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(path).catch(() => {});
    throw error;
  }
  await handle.close();
}
