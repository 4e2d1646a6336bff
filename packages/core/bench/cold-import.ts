/**
 * Cold import time: fresh `node` processes (no tsx) that only import a module, measured inside
 * the process with `performance.now()`. Targets take turns; one discarded warm-up each fills
 * the OS file cache. `@path/core` is its built output in `dist`.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { median, rotated } from "./timing.js";

const probe = fileURLToPath(new URL("./import-probe.mjs", import.meta.url));
const coreDist = pathToFileURL(fileURLToPath(new URL("../dist/index.js", import.meta.url))).href;

export const importTargets = {
  "@path/core": [coreDist],
  openai: ["openai"],
  "ai + @ai-sdk/openai-compatible": ["ai", "@ai-sdk/openai-compatible"],
  "@path/core + openai (first call)": [coreDist, "openai"],
} satisfies Record<string, string[]>;

export type ImportTarget = keyof typeof importTargets;

function importOnce(specifiers: string[]): number {
  return Number(execFileSync(process.execPath, [probe, ...specifiers], { encoding: "utf8" }));
}

export function measureColdImports(runs: number): Map<ImportTarget, number> {
  const names = Object.keys(importTargets) as ImportTarget[];
  for (const name of names) importOnce(importTargets[name]);
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  for (let run = 0; run < runs; run++) {
    for (const name of rotated(names, run))
      samples.get(name)!.push(importOnce(importTargets[name]));
  }
  return new Map(names.map((name) => [name, median(samples.get(name)!)]));
}
