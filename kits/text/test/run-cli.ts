/**
 * Runs the kit's CLI as a child process, the way a person would, with a clean environment:
 * no keys, base URLs, default models or proxies leak in from the shell.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type KitCliResult, type RunKitCliOptions, runKitCli } from "@path/testing";
import { afterAll } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));

export type CliResult = KitCliResult;

export interface RunOptions
  extends Pick<RunKitCliOptions, "env" | "keepStdinOpen" | "onStdout" | "onStderr"> {
  /** The directory the person runs the command from; outputs land in its output/. */
  cwd?: string;
  /** Written to stdin, which is then closed. Without it stdin is empty (not a terminal). */
  input?: string;
}

export async function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const cwd = options.cwd ?? (await makeTempDir());
  return runKitCli(args, { ...options, entry: cli, cwd, input: options.input ?? "" });
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
