/**
 * The one notice for a person whose GPU sits idle: llama.cpp loaded its CPU build although
 * the machine has a GPU that `gpu: "auto"` would use, because the GPU build is not installed
 * (the lean install leaves it out) or could not be loaded.
 */
import { detectGpu, type GpuProbes } from "./detect-gpu.js";
import { gpuBuildPackages } from "./gpu-build-packages.js";
import { gpuBuildState } from "./gpu-build-state.js";
import { wantedGpuBuilds } from "./gpu-status.js";
import { findLlamaInstall, type LlamaInstall } from "./llama-install.js";

export interface GpuNoticeOptions {
  /** Default: node-llama-cpp's own check; nvidia-smi is not run for a notice. */
  probes?: GpuProbes;
  install?: LlamaInstall;
  platform?: NodeJS.Platform;
  arch?: string;
}

/** The notice's text, or undefined when llama.cpp runs on a GPU, was told not to, or has none. */
export async function gpuNotice(
  loadedGpu: string | false,
  requested: "auto" | false,
  options: GpuNoticeOptions = {},
): Promise<string | undefined> {
  if (requested === false || loadedGpu !== false) return undefined;
  const probes = options.probes ?? {
    llamaGpuTypes: async () => (await import("node-llama-cpp")).getLlamaGpuTypes("supported"),
    nvidiaSmi: async () => undefined,
  };
  const wanted = wantedGpuBuilds(await detectGpu(probes), options.platform, options.arch);
  if (wanted.length === 0) return undefined;
  const install = options.install ?? (await findLlamaInstall());
  const packages = gpuBuildPackages(options.platform, options.arch);
  const states = await Promise.all(
    wanted.flatMap((type) => packages[type]).map((name) => gpuBuildState(install, name)),
  );
  const names = wanted.map((type) => (type === "cuda" ? "CUDA" : "Vulkan")).join(" and ");
  if (states.every((state) => state === "installed")) {
    return `This machine has a ${names} GPU and its llama.cpp build is installed, but llama.cpp could not load it, so models run on the CPU: see \`npm run local -- gpu status\`.`;
  }
  return `This machine has a ${names} GPU, but only llama.cpp's CPU build is installed, so models run on the CPU: run \`npm run local -- gpu on\` to fetch the GPU build (no tracked file changes).`;
}
