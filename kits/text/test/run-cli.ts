/**
 * Runs the kit's CLI as a child process, the way a person would, with a clean environment:
 * no keys, base URLs, default models or proxies leak in from the shell.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

const leaky =
  /(_API_KEY|_TOKEN|_BASE_URL|_HOST)$|^(GENAI_|HF_|HUGGINGFACE|OLLAMA|INIT_CWD$|FORCE_COLOR$|NO_COLOR$)|^(https?|all|no)_proxy$/i;

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!leaky.test(name)) env[name] = value;
  return { ...env, ...extra };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Extra environment (on top of a clean one). */
  env?: Record<string, string>;
  /** The directory the person runs the command from; outputs land in its output/. */
  cwd?: string;
  /** Written to stdin, which is then closed. Without it stdin is empty (not a terminal). */
  input?: string;
  /** Write `input` but leave stdin open (the test ends it later through the child). */
  keepStdinOpen?: boolean;
  /** Called as stdout grows, e.g. to send Ctrl-C once some text arrived. */
  onStdout?: (stdout: string, child: ChildProcess) => void;
}

export async function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const cwd = options.cwd ?? (await makeTempDir());
  const child = spawn(process.execPath, ["--import", tsx, cli, ...args], {
    cwd,
    env: cleanEnv({ INIT_CWD: cwd, ...options.env }),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(stdout, child);
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.on("error", () => {}); // the CLI may exit before reading all of it
  if (options.keepStdinOpen) child.stdin.write(options.input ?? "");
  else child.stdin.end(options.input ?? "");
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
}

const tempDirs: string[] = [];
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A fresh directory, removed after the test file. */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kit-text-"));
  tempDirs.push(dir);
  return dir;
}

/** Env for the fake OpenAI server. */
export function openAIEnv(url: string, key = "sk-test"): Record<string, string> {
  return { OPENAI_API_KEY: key, OPENAI_BASE_URL: url };
}

/**
 * Each test starts one to three CLI processes (about a second of CPU each, mostly tsx and the
 * provider client loading). Generous, so a busy machine slows the run but does not fail it.
 */
export const processTimeout = 90_000;
