import { formatBytes, formatTable, parseCommandArgs, printJson, UsageError } from "@path/kit-cli";
import { detectGpu } from "../gpu/detect-gpu.js";
import type { GpuBuildType } from "../gpu/gpu-build-packages.js";
import { type GpuStatus, gpuStatus, wantedGpuBuilds } from "../gpu/gpu-status.js";
import { findLlamaInstall } from "../gpu/llama-install.js";
import {
  type SwitchedPackage,
  turnGpuBuildsOff,
  turnGpuBuildsOn,
} from "../gpu/switch-gpu-builds.js";

export const help = `Usage: npm run local -- gpu <on | off | status> [--cuda] [--vulkan] [--json]

  status   what llama.cpp sees: GPU builds installed or stand-ins, the GPU found, what it
           loads (CUDA, Vulkan or the CPU) and the card's memory
  on       fetch llama.cpp's GPU build for the GPU found (CUDA and/or Vulkan) from the npm
           registry into node_modules; --cuda or --vulkan to choose. No tracked file changes.
  off      put the empty stand-ins back (what \`npm ci\` does too)

GPU builds are not installed by default (they are 80-540 MB); see
docs/decisions/0002-lean-llama-install.md.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    cuda: { type: "boolean" },
    vulkan: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [action] = positionals;
  if (positionals.length !== 1 || !["on", "off", "status"].includes(action!))
    throw new UsageError("gpu takes one of on, off, status");
  const install = await findLlamaInstall();
  const step = (message: string) => process.stderr.write(`${message}…\n`);
  if (action === "status") {
    const status = await gpuStatus({ install });
    if (values.json) printJson(status);
    else process.stdout.write(`${describeStatus(status)}\n`);
    return 0;
  }
  if (action === "off") {
    printSwitched(await turnGpuBuildsOff({ install, onStep: step }), values.json);
    return 0;
  }
  const chosen: GpuBuildType[] = [
    ...(values.cuda ? ["cuda" as const] : []),
    ...(values.vulkan ? ["vulkan" as const] : []),
  ];
  const types = chosen.length > 0 ? chosen : wantedGpuBuilds(await detectGpu());
  if (types.length === 0) {
    throw new Error(
      "no GPU that llama.cpp can use was found (no CUDA or Vulkan driver); pass --cuda or --vulkan to fetch a build anyway, or see `npm run local -- gpu status`",
    );
  }
  printSwitched(await turnGpuBuildsOn(types, { install, onStep: step }), values.json);
  if (!values.json)
    process.stderr.write("Check what llama.cpp now loads with `npm run local -- gpu status`.\n");
  return 0;
}

function printSwitched(switched: SwitchedPackage[], json: boolean | undefined): void {
  if (json) {
    printJson(switched);
    return;
  }
  if (switched.length === 0) {
    process.stdout.write("This platform has no separate GPU builds of llama.cpp.\n");
    return;
  }
  process.stdout.write(
    `${formatTable(
      switched.map((item) => [
        item.name,
        describeState(item.before),
        "→",
        describeState(item.after),
      ]),
    )}\n`,
  );
}

function describeState(state: string): string {
  return state === "stub" ? "stand-in" : state;
}

export function describeStatus(status: GpuStatus): string {
  const { detected, loaded } = status;
  const found = [
    ...detected.nvidia.map((card) => `${card.name} (${formatBytes(card.memoryBytes)})`),
    ...(detected.usable.length > 0 ? [`usable: ${detected.usable.join(", ")}`] : []),
  ];
  const runs =
    "error" in loaded
      ? `nothing: ${loaded.error}`
      : loaded.gpu === false
        ? "the CPU"
        : `${loaded.gpu} on ${loaded.deviceNames.join(", ") || "the GPU"}${
            loaded.vram
              ? `, ${formatBytes(loaded.vram.totalBytes)} memory, ${formatBytes(loaded.vram.freeBytes)} free`
              : ""
          }`;
  const rows = [
    ...status.builds.map((build) => [
      `${build.type} build`,
      build.packages.map((item) => `${item.name} ${describeState(item.state)}`).join(", "),
    ]),
    ["GPU found", found.length > 0 ? found.join("; ") : "none"],
    ["llama.cpp runs on", runs],
    [
      "version",
      `node-llama-cpp ${status.nodeLlamaCppVersion}${"error" in loaded ? "" : `, llama.cpp ${loaded.llamaCppRelease}`}`,
    ],
  ];
  return [formatTable(rows), ...status.advice.map((line) => `\n${line}`)].join("\n");
}
