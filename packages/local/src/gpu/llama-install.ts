/**
 * Where node-llama-cpp is installed: the `node_modules` folder it imports its prebuilt
 * binaries from, its version, and the empty stand-in package the root `overrides` put in place
 * of the GPU builds (docs/decisions/0002-lean-llama-install.md).
 */
import { readFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export interface LlamaInstall {
  /** The folder holding `node-llama-cpp` and `@node-llama-cpp/*`. */
  nodeModules: string;
  /** node-llama-cpp's version; a binary package must have exactly this version to be used. */
  version: string;
  /** The stand-in folder the overrides point at, or undefined when the project has none. */
  stubFolder: string | undefined;
}

export async function findLlamaInstall(): Promise<LlamaInstall> {
  const entry = fileURLToPath(import.meta.resolve("node-llama-cpp"));
  return describeLlamaInstall(entry.slice(0, entry.lastIndexOf(`${sep}node-llama-cpp${sep}`)));
}

/** Reads the version and the stub folder for a `node_modules` folder (tests pass a temporary one). */
export async function describeLlamaInstall(nodeModules: string): Promise<LlamaInstall> {
  const manifest = JSON.parse(
    await readFile(join(nodeModules, "node-llama-cpp", "package.json"), "utf8"),
  ) as { version: string };
  return { nodeModules, version: manifest.version, stubFolder: await findStubFolder(nodeModules) };
}

/** The `file:` target of the project's overrides for node-llama-cpp's GPU packages. */
async function findStubFolder(nodeModules: string): Promise<string | undefined> {
  const projectRoot = dirname(nodeModules);
  try {
    const project = JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as {
      overrides?: Record<string, unknown>;
    };
    const target = Object.entries(project.overrides ?? {}).find(
      ([name, value]) =>
        name.startsWith("@node-llama-cpp/") &&
        typeof value === "string" &&
        value.startsWith("file:"),
    )?.[1] as string | undefined;
    return target ? resolve(projectRoot, target.slice("file:".length)) : undefined;
  } catch {
    return undefined;
  }
}
