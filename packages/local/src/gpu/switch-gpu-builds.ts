/**
 * `gpu on` and `gpu off`: put llama.cpp's real GPU build packages where node-llama-cpp looks
 * for them (`node_modules/@node-llama-cpp/…`, in place of the empty stand-in), or put the
 * stand-in back. Only `node_modules` changes, never a tracked file; `npm ci` and
 * `npm install` restore the stand-ins, as the lock file says.
 */
import { mkdir, mkdtemp, readFile, rename, rm, symlink } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fetchFromRegistry, type PackageFetcher } from "./fetch-gpu-build.js";
import { type GpuBuildType, gpuBuildPackages } from "./gpu-build-packages.js";
import { type GpuBuildState, gpuBuildState } from "./gpu-build-state.js";
import type { LlamaInstall } from "./llama-install.js";

export interface SwitchOptions {
  install: LlamaInstall;
  /** Default: `npm pack` from the configured registry. */
  fetchPackage?: PackageFetcher;
  /** Called before each package is fetched or restored, for a progress line. */
  onStep?: (message: string) => void;
  /** Default: this machine's platform and architecture. */
  platform?: NodeJS.Platform;
  arch?: string;
}

export interface SwitchedPackage {
  name: string;
  before: GpuBuildState;
  after: GpuBuildState;
}

/** Fetches and puts in place the build packages of these GPU types; ones already there are kept. */
export async function turnGpuBuildsOn(
  types: GpuBuildType[],
  options: SwitchOptions,
): Promise<SwitchedPackage[]> {
  const { install, fetchPackage = fetchFromRegistry } = options;
  const packages = gpuBuildPackages(options.platform, options.arch);
  const names = types.flatMap((type) => packages[type]);
  const switched: SwitchedPackage[] = [];
  for (const name of names) {
    const before = await gpuBuildState(install, name);
    if (before !== "installed") {
      options.onStep?.(`fetching ${name}@${install.version} from the npm registry`);
      await replaceWithFetched(name, install, fetchPackage);
    }
    switched.push({ name, before, after: await gpuBuildState(install, name) });
  }
  return switched;
}

/** Puts the empty stand-in back in place of every GPU build package of this platform. */
export async function turnGpuBuildsOff(options: SwitchOptions): Promise<SwitchedPackage[]> {
  const { install } = options;
  const stub = install.stubFolder;
  if (!stub) {
    throw new Error(
      "this project has no stand-in for the GPU builds (no @node-llama-cpp overrides in package.json), so there is nothing to switch back to",
    );
  }
  const packages = gpuBuildPackages(options.platform, options.arch);
  const switched: SwitchedPackage[] = [];
  for (const name of [...packages.cuda, ...packages.vulkan]) {
    const before = await gpuBuildState(install, name);
    // "absent": a `gpu on` stopped between removing the stand-in and putting the build there.
    if (before !== "stub") {
      options.onStep?.(`removing ${name}`);
      const folder = packageFolder(install, name);
      await rm(folder, { recursive: true, force: true });
      // The same link npm makes for an override to a file: package.
      await symlink(relative(dirname(folder), stub), folder, "junction");
    }
    switched.push({ name, before, after: await gpuBuildState(install, name) });
  }
  return switched;
}

async function replaceWithFetched(
  name: string,
  install: LlamaInstall,
  fetchPackage: PackageFetcher,
): Promise<void> {
  // Staged next to node_modules' own files so the final step is a rename, not a copy.
  const stagingRoot = join(install.nodeModules, ".cache", "path-gpu-builds");
  await mkdir(stagingRoot, { recursive: true });
  const staging = await mkdtemp(join(stagingRoot, "fetch-"));
  try {
    const fetched = await fetchPackage(name, install.version, staging);
    const manifest = JSON.parse(await readFile(join(fetched, "package.json"), "utf8")) as {
      name?: string;
      version?: string;
    };
    if (manifest.name !== name || manifest.version !== install.version) {
      throw new Error(
        `the registry gave ${manifest.name}@${manifest.version} for ${name}@${install.version}; nothing was changed`,
      );
    }
    const folder = packageFolder(install, name);
    await rm(folder, { recursive: true, force: true });
    await mkdir(dirname(folder), { recursive: true });
    await rename(fetched, folder);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function packageFolder(install: LlamaInstall, name: string): string {
  return join(install.nodeModules, ...name.split("/"));
}
