/**
 * Runs a kit's CLI as a child process, the way a person would (`npm run … -- <args>`), with a
 * clean environment: no keys, tokens, base URLs, hosts, proxies, GENAI_* or colour settings leak
 * in from the shell — only the variables a test gives.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** Variables that must not reach the CLI from the shell running the tests. */
const leaky =
  /(_API_KEY|_TOKEN|_BASE_URL|_HOST|_URL)$|^(GENAI_|HF_|HUGGINGFACE|OLLAMA|OPENAI_|A1111_|COMFYUI_|CIVITAI_|INIT_CWD$|FORCE_COLOR$|NO_COLOR$)|^(https?|all|no)_proxy$/i;

/** `process.env` without the leaky variables, plus `extra`. */
export function cleanKitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!leaky.test(name)) env[name] = value;
  return { ...env, ...extra };
}

export interface KitCliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunKitCliOptions {
  /** The CLI's entry file (run through tsx). */
  entry: string;
  /** The process's working directory (npm runs scripts inside the kit folder). */
  cwd: string;
  /** INIT_CWD: where the person typed the command. Defaults to `cwd`. */
  initCwd?: string;
  /** Extra environment (on top of a clean one). */
  env?: Record<string, string>;
  /**
   * Written to stdin, which is then closed. Without it (and without `keepStdinOpen`) stdin is
   * ignored: empty, not a terminal.
   */
  input?: string;
  /** Write `input` but leave stdin open (the test ends it later through the child). */
  keepStdinOpen?: boolean;
  /** Called as stdout grows, e.g. to send Ctrl-C once some text arrived. */
  onStdout?: (stdout: string, child: ChildProcess) => void;
  /** Called as stderr grows (progress lines), e.g. to press Ctrl-C mid-download. */
  onStderr?: (stderr: string, child: ChildProcess) => void;
}

export function runKitCli(args: string[], options: RunKitCliOptions): Promise<KitCliResult> {
  const piped = options.input !== undefined || options.keepStdinOpen === true;
  // The kits run from source through tsx (an optional peer, so it is looked up only here), and
  // `@path/source` resolves the workspace packages to src/, as the kits' npm scripts do.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const nodeArgs = ["--conditions=@path/source", "--import", tsx, options.entry, ...args];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd,
    env: cleanKitEnv({ INIT_CWD: options.initCwd ?? options.cwd, ...options.env }),
    stdio: [piped ? "pipe" : "ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(stdout, child);
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    options.onStderr?.(stderr, child);
  });
  if (child.stdin) {
    child.stdin.on("error", () => {}); // the CLI may exit before reading all of it
    if (options.keepStdinOpen) child.stdin.write(options.input ?? "");
    else child.stdin.end(options.input ?? "");
  }
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
