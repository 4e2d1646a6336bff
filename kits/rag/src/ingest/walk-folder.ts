import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { InvalidInputError } from "@path/core";

export interface FolderFile {
  /** Relative to the folder, with `/` separators. */
  path: string;
  absolutePath: string;
  size: number;
  mtimeMs: number;
}

export interface SkippedEntry {
  path: string;
  reason: string;
}

export interface WalkOptions {
  /** Folders to leave out (absolute, or relative to the walked folder), such as the index's own. */
  exclude?: string[];
}

const skippedFolderNames = new Set(["node_modules"]);

/**
 * Every file under `folder`, sorted by path: hidden entries, `node_modules` and excluded folders
 * are left out; a symlink is followed only when its target lies inside the folder.
 */
export async function walkFolder(
  folder: string,
  options: WalkOptions = {},
): Promise<{ files: FolderFile[]; skipped: SkippedEntry[] }> {
  const root = await realpath(folder).catch(() => {
    throw new InvalidInputError(`no folder at ${folder}: check the path`);
  });
  if (!(await stat(root)).isDirectory()) {
    throw new InvalidInputError(`${folder} is a file, not a folder: give the folder that holds it`);
  }
  const excluded = new Set<string>();
  for (const path of options.exclude ?? []) {
    excluded.add(await realpath(resolve(folder, path)).catch(() => resolve(folder, path)));
  }
  const files: FolderFile[] = [];
  const skipped: SkippedEntry[] = [];
  const visitedFolders = new Set<string>();

  const visit = async (dir: string, relDir: string): Promise<void> => {
    const real = await realpath(dir);
    if (visitedFolders.has(real) || excluded.has(real)) return;
    visitedFolders.add(real);
    const listing = await readdir(dir, { withFileTypes: true }).catch((error: Error) => error);
    if (listing instanceof Error) {
      const code = (listing as NodeJS.ErrnoException).code ?? listing.message;
      skipped.push({
        path: relDir || ".",
        reason: `cannot list this folder (${code}): check its permissions`,
      });
      return;
    }
    const entries = listing.sort(byName);
    for (const entry of entries) {
      const path = relDir ? `${relDir}/${entry.name}` : entry.name;
      const absolutePath = join(dir, entry.name);
      if (entry.name.startsWith(".") || skippedFolderNames.has(entry.name)) continue;
      let target = absolutePath;
      if (entry.isSymbolicLink()) {
        const resolved = await realpath(absolutePath).catch(() => undefined);
        if (!resolved) {
          skipped.push({ path, reason: "broken symlink: its target does not exist" });
          continue;
        }
        if (!isInside(root, resolved)) {
          skipped.push({ path, reason: "symlink to outside the folder: not followed" });
          continue;
        }
        target = resolved;
      }
      const info = await stat(target).catch(() => undefined);
      if (!info) {
        skipped.push({ path, reason: "cannot be read: check its permissions" });
      } else if (info.isDirectory()) {
        await visit(target, path);
      } else if (info.isFile()) {
        files.push({ path, absolutePath, size: info.size, mtimeMs: info.mtimeMs });
      }
    }
  };
  await visit(root, "");
  files.sort((a, b) => compare(a.path, b.path));
  return { files, skipped };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: Dirent, b: Dirent) => compare(a.name, b.name);

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel.split(sep)[0] !== ".." && !isAbsolute(rel));
}
