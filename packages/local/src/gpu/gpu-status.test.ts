import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeStatus } from "../cli/gpu.js";
import type { GpuProbes } from "./detect-gpu.js";
import { gpuStatus, wantedGpuBuilds } from "./gpu-status.js";
import { findLlamaInstall } from "./llama-install.js";

describe("gpu status", () => {
  it("says what llama.cpp on this machine loads, with the builds and the GPUs it finds", async () => {
    const install = await findLlamaInstall();
    const status = await gpuStatus({ install });
    const { version } = JSON.parse(
      await readFile(join(install.nodeModules, "node-llama-cpp", "package.json"), "utf8"),
    ) as { version: string };
    expect(status.nodeLlamaCppVersion).toBe(version);
    if (process.platform === "linux" && process.arch === "x64") {
      expect(status.builds.map((build) => build.type)).toEqual(["cuda", "vulkan"]);
    }
    if ("error" in status.loaded) throw new Error(status.loaded.error);
    // `gpu: "auto"` loads one of the GPUs it finds usable, or the CPU.
    expect([...status.detected.usable, false]).toContain(status.loaded.gpu);
    expect(status.loaded.llamaCppRelease).toMatch(/\S/);
    if (status.loaded.gpu === false) expect(status.loaded.vram).toBeUndefined();
    else expect(status.loaded.vram?.totalBytes).toBeGreaterThan(0);
  });

  it("tells a person with an NVIDIA card and only the CPU build to run gpu on", async () => {
    const nvidiaMachine: GpuProbes = {
      llamaGpuTypes: async () => ["cuda", "vulkan", false],
      nvidiaSmi: async () => "NVIDIA GeForce RTX 4060, 8188\n",
    };
    const install = {
      ...(await findLlamaInstall()),
      nodeModules: "/nowhere/node_modules",
    };
    const status = await gpuStatus({
      install,
      probes: nvidiaMachine,
      loadRuntime: async () => ({
        gpu: false,
        deviceNames: [],
        vram: undefined,
        llamaCppRelease: "b1234",
      }),
      platform: "linux",
      arch: "x64",
    });
    expect(wantedGpuBuilds(status.detected, "linux", "x64")).toEqual(["cuda", "vulkan"]);
    expect(status.advice).toEqual([
      "Run `npm run local -- gpu on` to fetch the cuda and vulkan builds of llama.cpp for this GPU.",
    ]);
    const text = describeStatus(status);
    expect(text).toMatch(/GPU found\s+NVIDIA GeForce RTX 4060 \(8\.6 GB\); usable: cuda, vulkan/);
    expect(text).toMatch(/llama\.cpp runs on\s+the CPU/);
    expect(text).toMatch(/cuda build\s+@node-llama-cpp\/linux-x64-cuda absent/);
  });

  it("says when the GPU build is in use, with the card's memory", async () => {
    const install = await findLlamaInstall();
    const status = await gpuStatus({
      install,
      probes: { llamaGpuTypes: async () => ["vulkan", false], nvidiaSmi: async () => undefined },
      loadRuntime: async () => ({
        gpu: "vulkan",
        deviceNames: ["AMD Radeon RX 7800 XT"],
        vram: { totalBytes: 16e9, freeBytes: 15e9 },
        llamaCppRelease: "b1234",
      }),
      platform: "linux",
      arch: "x64",
    });
    expect(describeStatus(status)).toMatch(
      /llama\.cpp runs on\s+vulkan on AMD Radeon RX 7800 XT, 16 GB memory, 15 GB free/,
    );
  });
});
