/**
 * Runs `models …` as a child process, the way a person would, from a temporary folder and
 * with a clean environment (no keys, base URLs or proxies from the shell).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type KitCliResult, type RunKitCliOptions, runKitCli } from "@path/testing";

// The kit's cli.ts routes `models` to runModels; while it is absent (it is written
// alongside this quest), a tiny entry calling runModels stands in for it.
const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const stand = fileURLToPath(new URL("./models-entry.ts", import.meta.url));
const script = existsSync(cli)
  ? { entry: cli, leading: ["models"] }
  : { entry: stand, leading: [] };

export type ModelsResult = KitCliResult;

export interface RunModelsOptions extends Pick<RunKitCliOptions, "env" | "onStderr"> {
  /** The folder the person runs the command from (`./models` lands there). */
  cwd: string;
}

/** `npm run image -- models <args>`. */
export function runModels(args: string[], options: RunModelsOptions): Promise<ModelsResult> {
  return runKitCli([...script.leading, ...args], { ...options, entry: script.entry });
}
