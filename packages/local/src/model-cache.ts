/**
 * Where downloaded models live: `<cache>/hf/<owner>/<repo>/<file>`, so the cache can be read
 * back (`models list`, `rm`) and an `hf:owner/repo:Q4_K_M` reference resolves offline once
 * its file is there.
 */
import { readdir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

export function hubCachePath(cacheDir: string, repo: string, file: string): string {
  return join(cacheDir, "hf", ...repo.split("/"), ...file.split("/"));
}

export interface CachedFile {
  path: string;
  /** `owner/repo/file.gguf`. */
  name: string;
  bytes: number;
  /** An unfinished download (`.part`), resumed by the next pull. */
  partial: boolean;
}

/** The finished file for a quantisation of a repository, when one is cached. */
export async function findCachedQuantisation(
  cacheDir: string,
  repo: string,
  quantisation: string,
): Promise<string | undefined> {
  const folder = join(cacheDir, "hf", ...repo.split("/"));
  const files = await listFiles(folder);
  const wanted = quantisation.toLowerCase();
  return files.find((path) => path.endsWith(".gguf") && path.toLowerCase().includes(wanted));
}

/** Every model file (finished or partial) in the cache. */
export async function listCachedFiles(cacheDir: string): Promise<CachedFile[]> {
  const root = join(cacheDir, "hf");
  const result: CachedFile[] = [];
  for (const path of await listFiles(root)) {
    const partial = path.endsWith(".gguf.part");
    if (!partial && !path.endsWith(".gguf")) continue;
    const name = relative(root, partial ? path.slice(0, -".part".length) : path)
      .split(sep)
      .join("/");
    result.push({ path, name, bytes: (await stat(path)).size, partial });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
