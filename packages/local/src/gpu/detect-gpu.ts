/**
 * Which GPUs this machine has, as llama.cpp would use them: node-llama-cpp's own check for
 * drivers and libraries (`getLlamaGpuTypes("supported")`, the list `gpu: "auto"` tries), plus
 * `nvidia-smi` for the card's name and memory, which also finds a card whose CUDA libraries
 * are missing.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export type UsableGpuType = "cuda" | "vulkan" | "metal";

export interface NvidiaCard {
  name: string;
  memoryBytes: number;
}

export interface GpuDetection {
  /** What `gpu: "auto"` would try on this machine, best first (the CPU is always the last resort). */
  usable: UsableGpuType[];
  /** Cards nvidia-smi lists; empty without an NVIDIA driver. */
  nvidia: NvidiaCard[];
}

export interface GpuProbes {
  llamaGpuTypes(): Promise<(string | false)[]>;
  /** nvidia-smi's CSV answer, or undefined when it is not installed or fails. */
  nvidiaSmi(): Promise<string | undefined>;
}

const run = promisify(execFile);

export const systemGpuProbes: GpuProbes = {
  llamaGpuTypes: async () => (await import("node-llama-cpp")).getLlamaGpuTypes("supported"),
  nvidiaSmi: () =>
    run("nvidia-smi", ["--query-gpu=name,memory.total", "--format=csv,noheader,nounits"], {
      timeout: 10_000,
    }).then(
      ({ stdout }) => stdout,
      () => undefined,
    ),
};

export async function detectGpu(probes: GpuProbes = systemGpuProbes): Promise<GpuDetection> {
  const [types, smi] = await Promise.all([probes.llamaGpuTypes(), probes.nvidiaSmi()]);
  return {
    usable: types.filter((type): type is UsableGpuType =>
      ["cuda", "vulkan", "metal"].includes(type as string),
    ),
    nvidia: parseNvidiaSmi(smi ?? ""),
  };
}

/** `NVIDIA GeForce RTX 4090, 24564` per line (memory in MiB). */
function parseNvidiaSmi(csv: string): NvidiaCard[] {
  return csv
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const comma = line.lastIndexOf(",");
      return {
        name: line.slice(0, comma).trim(),
        memoryBytes: Number(line.slice(comma + 1).trim()) * 1024 * 1024,
      };
    });
}
