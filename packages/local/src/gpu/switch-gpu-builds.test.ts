import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PackageFetcher } from "./fetch-gpu-build.js";
import { gpuBuildState } from "./gpu-build-state.js";
import { describeLlamaInstall, type LlamaInstall } from "./llama-install.js";
import { turnGpuBuildsOff, turnGpuBuildsOn } from "./switch-gpu-builds.js";

const gpuPackages = [
  "@node-llama-cpp/linux-x64-cuda",
  "@node-llama-cpp/linux-x64-cuda-ext",
  "@node-llama-cpp/linux-x64-vulkan",
];
const stubManifest = JSON.stringify({ name: "no-gpu-build", version: "0.0.0", private: true });

let project: string;
let install: LlamaInstall;
const fetched: string[] = [];

/** A project laid out as `npm ci` leaves this repository: GPU packages linked to the stand-in. */
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), "gpu-builds-"));
  const overrides = Object.fromEntries(
    gpuPackages.map((name) => [name, "file:./stubs/no-gpu-build"]),
  );
  await writeFile(join(project, "package.json"), JSON.stringify({ overrides }));
  await mkdir(join(project, "stubs", "no-gpu-build"), { recursive: true });
  await writeFile(join(project, "stubs", "no-gpu-build", "package.json"), stubManifest);
  const nodeModules = join(project, "node_modules");
  await mkdir(join(nodeModules, "node-llama-cpp"), { recursive: true });
  await writeFile(
    join(nodeModules, "node-llama-cpp", "package.json"),
    JSON.stringify({ name: "node-llama-cpp", version: "3.21.1" }),
  );
  await mkdir(join(nodeModules, "@node-llama-cpp"));
  for (const name of gpuPackages) {
    await symlink("../../stubs/no-gpu-build", join(nodeModules, ...name.split("/")));
  }
  install = await describeLlamaInstall(nodeModules);
  fetched.length = 0;
});
afterEach(() => rm(project, { recursive: true, force: true }));

/** Stands in for `npm pack`: a package shaped like the real ones (getBinsDir, bins/). */
const fakeRegistry: PackageFetcher = async (name, version, into) => {
  fetched.push(`${name}@${version}`);
  const folder = join(into, "package");
  await mkdir(join(folder, "dist"), { recursive: true });
  await mkdir(join(folder, "bins", "linux-x64"), { recursive: true });
  await writeFile(
    join(folder, "package.json"),
    JSON.stringify({ name, version, type: "module", exports: { ".": "./dist/index.js" } }),
  );
  await writeFile(
    join(folder, "dist", "index.js"),
    `export function getBinsDir() { return { binsDir: ${JSON.stringify(join(folder, "bins"))}, packageVersion: ${JSON.stringify(version)} }; }\n`,
  );
  return folder;
};

const states = () => Promise.all(gpuPackages.map((name) => gpuBuildState(install, name)));
const options = () => ({
  install,
  fetchPackage: fakeRegistry,
  platform: "linux" as const,
  arch: "x64",
});

describe("gpu on / off", () => {
  it("finds node-llama-cpp's version and the stand-in from the project's overrides", () => {
    expect(install).toEqual({
      nodeModules: join(project, "node_modules"),
      version: "3.21.1",
      stubFolder: join(project, "stubs", "no-gpu-build"),
    });
  });

  it("fetches only the CUDA packages, of node-llama-cpp's exact version, where node-llama-cpp imports them", async () => {
    const switched = await turnGpuBuildsOn(["cuda"], options());
    expect(fetched).toEqual([
      "@node-llama-cpp/linux-x64-cuda@3.21.1",
      "@node-llama-cpp/linux-x64-cuda-ext@3.21.1",
    ]);
    expect(switched).toEqual([
      { name: "@node-llama-cpp/linux-x64-cuda", before: "stub", after: "installed" },
      { name: "@node-llama-cpp/linux-x64-cuda-ext", before: "stub", after: "installed" },
    ]);
    expect(await states()).toEqual(["installed", "installed", "stub"]);
    // Resolved from node-llama-cpp's own folder, as its `import("@node-llama-cpp/linux-x64-cuda")` is.
    const fromLlama = createRequire(join(install.nodeModules, "node-llama-cpp", "package.json"));
    const entry = fromLlama.resolve("@node-llama-cpp/linux-x64-cuda");
    const build = (await import(pathToFileURL(entry).href)) as {
      getBinsDir(): { packageVersion: string };
    };
    expect(build.getBinsDir().packageVersion).toBe("3.21.1");
    // The tracked stand-in is untouched and nothing is left in the staging folder.
    expect(await readFile(join(project, "stubs", "no-gpu-build", "package.json"), "utf8")).toBe(
      stubManifest,
    );
    expect(await readdir(join(install.nodeModules, ".cache", "path-gpu-builds"))).toEqual([]);
  });

  it("keeps builds that are already there instead of fetching them again", async () => {
    await turnGpuBuildsOn(["vulkan"], options());
    fetched.length = 0;
    const again = await turnGpuBuildsOn(["vulkan"], options());
    expect(fetched).toEqual([]);
    expect(again).toEqual([
      { name: "@node-llama-cpp/linux-x64-vulkan", before: "installed", after: "installed" },
    ]);
  });

  it("puts the stand-in links back as npm ci would, and leaves the stand-in itself alone", async () => {
    await turnGpuBuildsOn(["cuda", "vulkan"], options());
    const switched = await turnGpuBuildsOff(options());
    expect(switched.map((item) => [item.before, item.after])).toEqual([
      ["installed", "stub"],
      ["installed", "stub"],
      ["installed", "stub"],
    ]);
    for (const name of gpuPackages) {
      const link = join(install.nodeModules, ...name.split("/"));
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      expect(resolve(dirname(link), await readlink(link))).toBe(install.stubFolder);
    }
    expect(await readFile(join(project, "stubs", "no-gpu-build", "package.json"), "utf8")).toBe(
      stubManifest,
    );
  });

  it("puts back a stand-in that an interrupted gpu on left missing", async () => {
    await rm(join(install.nodeModules, "@node-llama-cpp", "linux-x64-vulkan"));
    expect(await states()).toEqual(["stub", "stub", "absent"]);
    await turnGpuBuildsOff(options());
    expect(await states()).toEqual(["stub", "stub", "stub"]);
  });

  it("changes nothing when the registry answers with another package", async () => {
    const wrongVersion: PackageFetcher = (name, _version, into) =>
      fakeRegistry(name, "3.0.0", into);
    await expect(
      turnGpuBuildsOn(["vulkan"], { ...options(), fetchPackage: wrongVersion }),
    ).rejects.toThrow(/gave @node-llama-cpp\/linux-x64-vulkan@3\.0\.0 .*nothing was changed/);
    expect(await states()).toEqual(["stub", "stub", "stub"]);
  });

  it("has nothing to switch on a Mac, whose one build already has Metal", async () => {
    expect(
      await turnGpuBuildsOn(["cuda", "vulkan"], {
        ...options(),
        platform: "darwin",
        arch: "arm64",
      }),
    ).toEqual([]);
    expect(fetched).toEqual([]);
  });
});
