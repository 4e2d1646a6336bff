/**
 * `gpu status`: what llama.cpp sees here. Which GPU build packages are in node_modules (real
 * or stand-in), which GPUs the machine has, and what `getLlama({ gpu: "auto", build: "never" })`
 * — what the provider calls — really loads, with the card's memory.
 */

import { detectGpu, type GpuDetection, type GpuProbes } from "./detect-gpu.js";
import { type GpuBuildType, gpuBuildPackages, gpuBuildTypes } from "./gpu-build-packages.js";
import { type GpuBuildState, gpuBuildState } from "./gpu-build-state.js";
import type { LlamaInstall } from "./llama-install.js";

export interface LoadedRuntime {
  /** `"cuda"`, `"vulkan"`, `"metal"`, or false for the CPU. */
  gpu: string | false;
  deviceNames: string[];
  /** Total and free memory of the GPU(s) in bytes; undefined on the CPU. */
  vram: { totalBytes: number; freeBytes: number } | undefined;
  llamaCppRelease: string;
}

export interface GpuStatus {
  nodeLlamaCppVersion: string;
  builds: { type: GpuBuildType; packages: { name: string; state: GpuBuildState }[] }[];
  detected: GpuDetection;
  /** What the provider's `getLlama` call loads, or why it failed. */
  loaded: LoadedRuntime | { error: string };
  /** What to do next, one sentence each. */
  advice: string[];
}

export interface StatusOptions {
  install: LlamaInstall;
  probes?: GpuProbes;
  /** Default: load llama.cpp as the provider does; tests pass what a GPU machine would load. */
  loadRuntime?: () => Promise<LoadedRuntime>;
  platform?: NodeJS.Platform;
  arch?: string;
}

export async function gpuStatus(options: StatusOptions): Promise<GpuStatus> {
  const { install } = options;
  const packages = gpuBuildPackages(options.platform, options.arch);
  const builds = await Promise.all(
    gpuBuildTypes
      .filter((type) => packages[type].length > 0)
      .map(async (type) => ({
        type,
        packages: await Promise.all(
          packages[type].map(async (name) => ({ name, state: await gpuBuildState(install, name) })),
        ),
      })),
  );
  const detected = await detectGpu(options.probes);
  const loaded = await (options.loadRuntime ?? loadRuntimeAsProviderDoes)().catch(
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  );
  return {
    nodeLlamaCppVersion: install.version,
    builds,
    detected,
    loaded,
    advice: advise(builds, detected, loaded),
  };
}

/** The GPU builds worth fetching here: the types `gpu: "auto"` would try that have a package. */
export function wantedGpuBuilds(
  detected: GpuDetection,
  platform?: NodeJS.Platform,
  arch?: string,
): GpuBuildType[] {
  const packages = gpuBuildPackages(platform, arch);
  return gpuBuildTypes.filter(
    (type) => detected.usable.includes(type) && packages[type].length > 0,
  );
}

function advise(
  builds: GpuStatus["builds"],
  detected: GpuDetection,
  loaded: GpuStatus["loaded"],
): string[] {
  const advice: string[] = [];
  const complete = (type: GpuBuildType) =>
    builds
      .find((build) => build.type === type)
      ?.packages.every((item) => item.state === "installed") ?? false;
  const wanted = builds.map((build) => build.type).filter((type) => detected.usable.includes(type));
  const missing = wanted.filter((type) => !complete(type));
  if (detected.nvidia.length > 0 && !detected.usable.includes("cuda")) {
    advice.push(
      "An NVIDIA card is present but llama.cpp finds no CUDA runtime (libcudart, libcublas): install the CUDA toolkit to use CUDA, or use the Vulkan build.",
    );
  }
  if (missing.length > 0) {
    advice.push(
      `Run \`npm run local -- gpu on\` to fetch the ${missing.join(" and ")} build${missing.length > 1 ? "s" : ""} of llama.cpp for this GPU.`,
    );
  } else if (wanted.length === 0 && detected.usable.length === 0 && detected.nvidia.length === 0) {
    advice.push("No GPU that llama.cpp can use was found: models run on the CPU.");
  }
  const usedGpu = "gpu" in loaded && loaded.gpu !== false;
  if (!usedGpu && wanted.some(complete)) {
    advice.push(
      "A GPU build is installed but llama.cpp did not load it: check the driver (nvidia-smi, vulkaninfo) and run `npx node-llama-cpp inspect gpu` for details.",
    );
  }
  if (builds.some((build) => build.packages.some((item) => item.state === "installed"))) {
    advice.push(
      "`npm ci` and `npm install` put the empty stand-ins back (the lock file says so): run `npm run local -- gpu on` again after them. `npm run local -- gpu off` removes the builds.",
    );
  }
  return advice;
}

async function loadRuntimeAsProviderDoes(): Promise<LoadedRuntime> {
  const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
  const llama = await getLlama({
    gpu: "auto",
    build: "never",
    progressLogs: false,
    logLevel: LlamaLogLevel.error,
    logger: () => {},
  });
  try {
    const vram = llama.gpu === false ? undefined : await llama.getVramState();
    return {
      gpu: llama.gpu,
      deviceNames: llama.gpu === false ? [] : await llama.getGpuDeviceNames(),
      vram: vram && { totalBytes: vram.total, freeBytes: vram.free },
      llamaCppRelease: llama.llamaCppRelease.release,
    };
  } finally {
    await llama.dispose();
  }
}
