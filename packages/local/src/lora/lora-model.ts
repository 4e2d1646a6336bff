/**
 * A local model with LoRA adapters applied: the base file loads once (the shared pool), and
 * each set of adapters and scales gets its own llama.cpp context, kept for the next prompt.
 * Scale 0 or no adapters is the base model itself.
 */
import { resolve } from "node:path";
import { modelCacheDir } from "@path/core";
import type { LlamaContext } from "node-llama-cpp";
import { hubSettings } from "../hugging-face-hub.js";
import { defaultThreads } from "../llama-runtime.js";
import { resolveModelFile } from "../model-files.js";
import { loadPooledModel, type PooledModel } from "../model-pool.js";
import { checkAdapterFitsModel } from "./check-adapter.js";

export interface LoraAdapter {
  /** A GGUF LoRA adapter (llama.cpp's convert_lora_to_gguf.py writes them). */
  path: string;
  /** How much of the adapter to apply: 0 = none, 1 = as trained. Default 1. */
  scale?: number;
}

export interface LoraGenerateOptions {
  adapters?: LoraAdapter[];
  seed?: number;
  maxTokens?: number;
}

export interface LoraModelOptions {
  /** CPU threads. Default: GENAI_LOCAL_THREADS, else every core but one. */
  threads?: number;
  /** Download a missing catalog model (default false: only files on disk). */
  download?: boolean;
}

export interface LoraModel {
  /** The model file's path. */
  path: string;
  /** Greedy (temperature 0) answer to one user prompt, in a fresh chat each time. */
  generate(prompt: string, options?: LoraGenerateOptions): Promise<string>;
}

/** `modelId`: a catalog id, a path to a .gguf file or hf:owner/repo/file.gguf, as for `local:`. */
export async function openLoraModel(
  modelId: string,
  options: LoraModelOptions = {},
): Promise<LoraModel> {
  const threads = options.threads ?? defaultThreads();
  const file = await resolveModelFile(modelId, {
    cacheDir: modelCacheDir(),
    hub: hubSettings({}),
    allowDownload: options.download ?? false,
  });
  const settings = { threads, gpu: "auto" as const, contextSize: 2048, checkMemory: true };
  const pooled = await loadPooledModel(file.path, settings, { job: "text", modelId: file.name });
  const contexts = new Map<string, Promise<LlamaContext>>();
  const checked = new Map<string, Promise<number>>();

  const contextFor = async (adapters: LoraAdapter[]): Promise<LlamaContext> => {
    const applied = adapters
      .map((adapter) => ({ filePath: resolve(adapter.path), scale: adapter.scale ?? 1 }))
      .filter((adapter) => adapter.scale !== 0);
    for (const adapter of applied) {
      if (!checked.has(adapter.filePath))
        checked.set(adapter.filePath, checkAdapterFitsModel(file.path, adapter.filePath));
      await checked.get(adapter.filePath);
    }
    const key = JSON.stringify(applied);
    let context = contexts.get(key);
    if (!context) {
      context = createContext(pooled, threads, applied);
      contexts.set(key, context);
      context.catch(() => contexts.delete(key));
    }
    return context;
  };

  return {
    path: file.path,
    generate: async (prompt, generateOptions = {}) => {
      const context = await contextFor(generateOptions.adapters ?? []);
      const { LlamaChatSession } = await import("node-llama-cpp");
      const session = new LlamaChatSession({
        contextSequence: context.getSequence(),
        autoDisposeSequence: true,
      });
      try {
        return await session.prompt(prompt, {
          temperature: 0,
          seed: generateOptions.seed ?? 1,
          maxTokens: generateOptions.maxTokens ?? 64,
        });
      } finally {
        session.dispose();
      }
    },
  };
}

function createContext(
  pooled: PooledModel,
  threads: number,
  adapters: { filePath: string; scale: number }[],
): Promise<LlamaContext> {
  return pooled.model.createContext({
    contextSize: Math.min(pooled.model.trainContextSize, 2048),
    threads,
    ...(adapters.length > 0 ? { lora: { adapters } } : {}),
  });
}
