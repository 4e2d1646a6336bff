/**
 * The one llama.cpp instance of this process. Loading the native library takes about a
 * second, so it happens once, on first use; its log lines are kept (not printed) so an error
 * can quote what llama.cpp said.
 */
import { availableParallelism } from "node:os";
import { readSetting } from "@path/core";
import type { Llama } from "node-llama-cpp";

export interface RuntimeSettings {
  /** CPU threads; more than the machine's cores makes llama.cpp much slower, not faster. */
  threads: number;
  /** `"auto"` uses a GPU build when one is installed, else the CPU. */
  gpu: "auto" | false;
}

let llama: Promise<Llama> | undefined;
const recentLogs: string[] = [];

/**
 * `GENAI_LOCAL_THREADS`, else every core but one: llama.cpp's threads spin at a barrier, and
 * one spinning against Node's own thread (or anything else running) slows a small machine
 * several-fold; on 2 cores, 1 thread was about ten times faster under load.
 */
export function defaultThreads(): number {
  const configured = Number(readSetting("GENAI_LOCAL_THREADS"));
  if (Number.isInteger(configured) && configured > 0) return configured;
  return Math.max(1, availableParallelism() - 1);
}

export function getLlamaRuntime(settings: RuntimeSettings): Promise<Llama> {
  llama ??= (async () => {
    const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
    return getLlama({
      gpu: settings.gpu,
      // Never compile llama.cpp from source at run time: that takes ~15 minutes on 2 cores.
      build: "never",
      maxThreads: settings.threads,
      logLevel: LlamaLogLevel.warn,
      logger: (_level, message) => {
        recentLogs.push(message.trim());
        if (recentLogs.length > 20) recentLogs.shift();
      },
    });
  })();
  llama.catch(() => {
    llama = undefined;
  });
  return llama;
}

/** The last lines llama.cpp logged (warnings and errors), newest last. */
export function recentLlamaLogs(): string[] {
  return recentLogs.filter((line) => line !== "");
}

/** Frees every model and context. Safe to call more than once. */
export async function disposeLlamaRuntime(): Promise<void> {
  const current = llama;
  llama = undefined;
  if (current) await (await current.catch(() => undefined))?.dispose();
}
