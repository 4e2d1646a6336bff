/**
 * Each model file is loaded once per process and shared by every provider and call. A model
 * gets one chat context and one embedding context, created on first use, and one queue, so
 * requests take turns instead of interleaving on the same sequence.
 */
import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import { ModelFileError } from "@path/core";
import type { Llama, LlamaChat, LlamaEmbeddingContext, LlamaModel } from "node-llama-cpp";
import { checkFreeMemory, checkModelFile } from "./gguf/check-model-file.js";
import {
  disposeLlamaRuntime,
  getLlamaRuntime,
  type LogSubject,
  type RuntimeSettings,
  recentLlamaLogs,
} from "./llama-runtime.js";
import { SerialQueue } from "./serial-queue.js";

export interface ModelSettings extends RuntimeSettings {
  /** Tokens the chat context holds; undefined = the model's own, at most 8192. */
  contextSize: number | undefined;
  /** Refuse a model larger than free memory. */
  checkMemory: boolean;
}

export interface PooledModel {
  path: string;
  llama: Llama;
  model: LlamaModel;
  /** Every generation and embedding on this model runs through here, one at a time. */
  queue: SerialQueue;
  chat(): Promise<LlamaChat>;
  embedding(): Promise<LlamaEmbeddingContext>;
  /** Tokens one embedded value may have (including the model's own start/end tokens). */
  embeddingInputLimit: number;
}

const pool = new Map<string, Promise<PooledModel>>();
let exitHookInstalled = false;

/** `about` names the model in llama.cpp's notices (its log lines and the GPU notice). */
export async function loadPooledModel(
  path: string,
  settings: ModelSettings,
  about?: LogSubject,
): Promise<PooledModel> {
  const key = await realpath(path).catch(() => resolve(path));
  let entry = pool.get(key);
  if (!entry) {
    entry = load(key, settings, about);
    pool.set(key, entry);
    entry.catch(() => pool.delete(key));
  }
  installExitHook();
  return entry;
}

async function load(
  path: string,
  settings: ModelSettings,
  about: LogSubject | undefined,
): Promise<PooledModel> {
  const checked = await checkModelFile(path, () => getLlamaRuntime(settings, about));
  if (settings.checkMemory) checkFreeMemory(path, checked.bytes);
  const llama = await getLlamaRuntime(settings, about);
  const model = await attempt(path, "load", () => llama.loadModel({ modelPath: path }));
  let chat: Promise<LlamaChat> | undefined;
  let embedding: Promise<LlamaEmbeddingContext> | undefined;
  // Encoder models (bert) must see a whole input in one batch, so batch = context; 2048
  // tokens is more than any sensible chunk and keeps the compute buffer small.
  const embeddingContextSize = Math.min(model.trainContextSize, 2048);
  return {
    path,
    llama,
    model,
    queue: new SerialQueue(),
    chat: () => {
      chat ??= attempt(path, "create a chat context for", async () => {
        const { LlamaChat } = await import("node-llama-cpp");
        const context = await model.createContext({
          contextSize: settings.contextSize ?? { max: 8192 },
          threads: settings.threads,
        });
        return new LlamaChat({ contextSequence: context.getSequence(), autoDisposeSequence: true });
      });
      chat.catch(() => {
        chat = undefined;
      });
      return chat;
    },
    embedding: () => {
      embedding ??= attempt(path, "create an embedding context for", () =>
        model.createEmbeddingContext({
          threads: settings.threads,
          contextSize: embeddingContextSize,
          batchSize: embeddingContextSize,
        }),
      );
      embedding.catch(() => {
        embedding = undefined;
      });
      return embedding;
    },
    embeddingInputLimit: embeddingContextSize - 1,
  };
}

/** Runs a llama.cpp step and turns its failure into an error that names the file and the cause. */
async function attempt<T>(path: string, action: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const said = recentLlamaLogs().slice(-3).join(" | ");
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelFileError(
      path,
      "load-failed",
      `llama.cpp could not ${action} ${path}: ${reason}${said ? ` (llama.cpp said: ${said})` : ""}. The file may be damaged or made for a newer llama.cpp.`,
      error,
    );
  }
}

/** Frees every loaded model, its contexts and llama.cpp itself. The next call loads again. */
export async function disposeLocalModels(): Promise<void> {
  const entries = [...pool.values()];
  pool.clear();
  const freeAll = async () => {
    for (const entry of entries) {
      const pooled = await entry.catch(() => undefined);
      await pooled?.model.dispose();
    }
    await disposeLlamaRuntime();
  };
  // After a failed model load, llama.cpp's dispose can stay unsettled for good (node-llama-cpp
  // 3.21.1): give it a bounded wait so a caller's `await dispose()` never hangs. The timer is
  // unref'd, so it never keeps a finished process alive either.
  let timer: NodeJS.Timeout | undefined;
  const bounded = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, disposeWaitMs);
    timer.unref();
  });
  await Promise.race([freeAll(), bounded]).finally(() => clearTimeout(timer));
}

const disposeWaitMs = 10_000;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // beforeExit fires again after async work, so free everything only once per empty loop.
  process.on("beforeExit", () => {
    if (pool.size > 0) void disposeLocalModels();
  });
}
