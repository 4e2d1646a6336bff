/**
 * What is in `node_modules/@node-llama-cpp/<gpu build>` right now: the real build of the
 * version node-llama-cpp needs, the empty stand-in, another version, or nothing.
 */
import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LlamaInstall } from "./llama-install.js";

export type GpuBuildState = "installed" | "stub" | "other-version" | "absent";

export async function gpuBuildState(install: LlamaInstall, name: string): Promise<GpuBuildState> {
  const folder = join(install.nodeModules, ...name.split("/"));
  try {
    await lstat(folder);
  } catch {
    return "absent";
  }
  const manifest = await readFile(join(folder, "package.json"), "utf8")
    .then((text) => JSON.parse(text) as { name?: string; version?: string })
    .catch(() => undefined);
  if (manifest?.name !== name) return "stub";
  // node-llama-cpp ignores a binary package whose version differs from its own.
  return manifest.version === install.version ? "installed" : "other-version";
}
