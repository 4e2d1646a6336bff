/**
 * The `@node-llama-cpp/*` packages that hold llama.cpp's GPU builds, per platform, as
 * node-llama-cpp 3.21.1 imports them (dist/bindings/utils/compileLLamaCpp.js): CUDA is a
 * build plus an "-ext" package with the CUDA runtime it needs, Vulkan is one package. The Mac
 * build has Metal inside its one package, so there is nothing to turn on there.
 */
export type GpuBuildType = "cuda" | "vulkan";

export const gpuBuildTypes: GpuBuildType[] = ["cuda", "vulkan"];

export function gpuBuildPackages(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): Record<GpuBuildType, string[]> {
  const prefix = platform === "linux" ? "linux-x64" : platform === "win32" ? "win-x64" : undefined;
  if (!prefix || arch !== "x64") return { cuda: [], vulkan: [] };
  return {
    cuda: [`@node-llama-cpp/${prefix}-cuda`, `@node-llama-cpp/${prefix}-cuda-ext`],
    vulkan: [`@node-llama-cpp/${prefix}-vulkan`],
  };
}
