/**
 * Runs `models …` as a child process, the way a person would, from a temporary folder and
 * with a clean environment (no keys, base URLs or proxies from the shell).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
// The kit's cli.ts routes `models` to runModels; while it is absent (it is written
// alongside this quest), a tiny entry calling runModels stands in for it.
const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const entry = fileURLToPath(new URL("./models-entry.ts", import.meta.url));
const script = existsSync(cli) ? [cli, "models"] : [entry];

const leaky =
  /(_API_KEY|_TOKEN|_BASE_URL|_HOST)$|^(GENAI_|HF_|CIVITAI_|INIT_CWD$|FORCE_COLOR$|NO_COLOR$)|^(https?|all|no)_proxy$/i;

export interface ModelsResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunModelsOptions {
  /** The folder the person runs the command from (`./models` lands there). */
  cwd: string;
  env?: Record<string, string>;
  /** Called as stderr grows (progress lines), e.g. to press Ctrl-C mid-download. */
  onStderr?: (stderr: string, child: ChildProcess) => void;
}

/** `npm run image -- models <args>`. */
export function runModels(args: string[], options: RunModelsOptions): Promise<ModelsResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!leaky.test(name)) env[name] = value;
  const child = spawn(process.execPath, ["--import", tsx, ...script, ...args], {
    cwd: options.cwd,
    env: { ...env, INIT_CWD: options.cwd, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    options.onStderr?.(stderr, child);
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
