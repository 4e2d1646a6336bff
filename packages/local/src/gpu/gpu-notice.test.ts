import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GpuProbes } from "./detect-gpu.js";
import { gpuNotice } from "./gpu-notice.js";
import type { LlamaInstall } from "./llama-install.js";

let folder: string;
const onLinux = { platform: "linux" as const, arch: "x64" };
const nvidiaMachine: GpuProbes = {
  llamaGpuTypes: async () => ["cuda", false],
  nvidiaSmi: async () => undefined,
};
const cpuOnlyMachine: GpuProbes = {
  llamaGpuTypes: async () => [false],
  nvidiaSmi: async () => undefined,
};

/** node_modules with the CUDA packages either as stand-ins or as the real builds. */
async function install(cuda: "stub" | "installed"): Promise<LlamaInstall> {
  const nodeModules = join(folder, cuda, "node_modules");
  for (const name of ["linux-x64-cuda", "linux-x64-cuda-ext"]) {
    const packageFolder = join(nodeModules, "@node-llama-cpp", name);
    await mkdir(packageFolder, { recursive: true });
    const manifest =
      cuda === "stub"
        ? { name: "no-gpu-build", version: "0.0.0" }
        : { name: `@node-llama-cpp/${name}`, version: "3.21.1" };
    await writeFile(join(packageFolder, "package.json"), JSON.stringify(manifest));
  }
  return { nodeModules, version: "3.21.1", stubFolder: undefined };
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "gpu-notice-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe("the GPU notice", () => {
  it("names `gpu on` when a CUDA GPU is present but only the CPU build is installed", async () => {
    const notice = await gpuNotice(false, "auto", {
      probes: nvidiaMachine,
      install: await install("stub"),
      ...onLinux,
    });
    expect(notice).toBe(
      "This machine has a CUDA GPU, but only llama.cpp's CPU build is installed, so models run on the CPU: run `npm run local -- gpu on` to fetch the GPU build (no tracked file changes).",
    );
  });

  it("points at `gpu status` when the build is installed but llama.cpp still runs on the CPU", async () => {
    const notice = await gpuNotice(false, "auto", {
      probes: nvidiaMachine,
      install: await install("installed"),
      ...onLinux,
    });
    expect(notice).toMatch(
      /its llama\.cpp build is installed, but llama\.cpp could not load it.*gpu status/,
    );
  });

  it("says nothing on a GPU, without a GPU, or when the provider asked for the CPU", async () => {
    const stubbed = await install("stub");
    const options = { install: stubbed, ...onLinux };
    expect(await gpuNotice("cuda", "auto", { ...options, probes: nvidiaMachine })).toBeUndefined();
    expect(await gpuNotice(false, "auto", { ...options, probes: cpuOnlyMachine })).toBeUndefined();
    expect(await gpuNotice(false, false, { ...options, probes: nvidiaMachine })).toBeUndefined();
  });
});
