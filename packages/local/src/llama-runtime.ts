/**
 * The one llama.cpp instance of this process. Loading the native library takes about a
 * second, so it happens once, on first use, with the settings of the first provider that
 * needs it. node-llama-cpp never prints: its warnings become `notice` events, its errors are
 * kept so the error that follows can quote them.
 */
import { availableParallelism } from "node:os";
import { emitEvent, newCallId, readSetting } from "@path/core";
import type { Job, Warning } from "@path/core/spec";
import type { Llama } from "node-llama-cpp";
import { gpuNotice } from "./gpu/gpu-notice.js";

export interface RuntimeSettings {
  /** CPU threads; more than the machine's cores makes llama.cpp much slower, not faster. */
  threads: number;
  /** `"auto"` uses a GPU build when one is installed, else the CPU. */
  gpu: "auto" | false;
}

/** The model a log line or notice is reported under: the last one asked for. */
export interface LogSubject {
  job: Job;
  modelId: string;
}

let llama: Promise<Llama> | undefined;
let loadedWith: RuntimeSettings | undefined;
let subject: LogSubject = { job: "text", modelId: "llama.cpp" };
const recentLogs: string[] = [];
const reportedLines = new Set<string>();
const logCallId = newCallId();
let gpuNoticeGiven = false;

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

export function getLlamaRuntime(settings: RuntimeSettings, about?: LogSubject): Promise<Llama> {
  if (about) subject = about;
  if (llama) return llama;
  loadedWith = settings;
  const loading = (async () => {
    const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
    const loaded = await getLlama({
      gpu: settings.gpu,
      // Never compile llama.cpp from source at run time: that takes ~15 minutes on 2 cores.
      build: "never",
      maxThreads: settings.threads,
      // "A prebuilt binary was not found, falling back to …" would go to the console.
      progressLogs: false,
      logLevel: LlamaLogLevel.warn,
      logger: (level, message) => onLlamaLog(level === LlamaLogLevel.warn, message),
    });
    // Once per process, even when llama.cpp is loaded again after disposeLocalModels().
    if (!gpuNoticeGiven) {
      gpuNoticeGiven = true;
      const notice = await gpuNotice(loaded.gpu, settings.gpu).catch(() => undefined);
      if (notice) emitNotice(notice);
    }
    return loaded;
  })();
  llama = loading;
  loading.catch(() => {
    if (llama === loading) {
      llama = undefined;
      loadedWith = undefined;
    }
  });
  return loading;
}

function onLlamaLog(isWarning: boolean, message: string): void {
  const line = message.trim();
  if (line === "") return;
  recentLogs.push(line);
  if (recentLogs.length > 20) recentLogs.shift();
  // Each warning once per process: a model loaded twice says the same things twice.
  if (!isWarning || reportedLines.has(line) || reportedLines.size >= 100) return;
  reportedLines.add(line);
  emitNotice(`llama.cpp: ${line}`);
}

function emitNotice(message: string): void {
  emitEvent({ type: "notice", callId: logCallId, provider: "local", ...subject, message });
}

/**
 * Warnings for a provider whose `threads` or `gpu` differ from those llama.cpp was loaded
 * with in this process: they have no effect until every model is disposed.
 */
export function runtimeSettingsWarnings(settings: RuntimeSettings): Warning[] {
  if (!loadedWith) return [];
  const running = loadedWith;
  return (["threads", "gpu"] as const)
    .filter((name) => settings[name] !== running[name])
    .map((name) => ({
      type: "unsupported-setting",
      setting: name,
      message: `llama.cpp already runs in this process with ${name}: ${JSON.stringify(running[name])}, so this provider's ${name}: ${JSON.stringify(settings[name])} has no effect; call disposeLocalModels() first to load it again with new settings.`,
    }));
}

/** The last lines llama.cpp logged (warnings and errors), newest last. */
export function recentLlamaLogs(): string[] {
  return [...recentLogs];
}

/** Frees every model and context. Safe to call more than once. */
export async function disposeLlamaRuntime(): Promise<void> {
  const current = llama;
  llama = undefined;
  loadedWith = undefined;
  if (current) await (await current.catch(() => undefined))?.dispose();
}
