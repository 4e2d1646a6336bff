/**
 * Runs the image kit's CLI as a child process, the way `npm run image -- …` does: from a
 * temporary folder (INIT_CWD), with a clean environment (no keys, base URLs or proxies from the
 * shell), and only the variables a test gives.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));

const leaky =
  /(_API_KEY|_TOKEN|_BASE_URL|_HOST|_URL)$|^(GENAI_|HF_|OPENAI_|A1111_|COMFYUI_|CIVITAI_|INIT_CWD$|FORCE_COLOR$|NO_COLOR$)|^(https?|all|no)_proxy$/i;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runImage(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!leaky.test(name)) env[name] = value;
  const child = spawn(process.execPath, ["--import", tsx, cli, ...args], {
    // npm runs the script inside the kit; INIT_CWD is where the person typed the command.
    cwd: fileURLToPath(new URL("..", import.meta.url)),
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
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
