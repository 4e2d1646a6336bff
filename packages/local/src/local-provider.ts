import { availableParallelism } from "node:os";
import { modelCacheDir, readSetting } from "@path/core";
import type { Provider } from "@path/core/spec";
import { catalog, catalogDefaults } from "./catalog.js";
import { hubSettings } from "./hugging-face-hub.js";
import { defaultThreads, runtimeSettingsWarnings } from "./llama-runtime.js";
import { LocalEmbeddingModel } from "./local-embedding-model.js";
import type { LocalModelHost } from "./local-model-host.js";
import { LocalTextModel } from "./local-text-model.js";
import { listCachedFiles } from "./model-cache.js";
import {
  type ModelFilesSettings,
  type ResolvedModelFile,
  type ResolveOptions,
  resolveModelFile,
} from "./model-files.js";
import { disposeLocalModels, loadPooledModel, type ModelSettings } from "./model-pool.js";
import { LocalSpeechModel } from "./speech/local-speech-model.js";
import { disposeLocalVoices } from "./speech/sherpa-voice.js";
import { defaultVoiceId, voiceCatalog } from "./speech/voice-catalog.js";
import { isVoiceReference, resolveVoiceFiles } from "./speech/voice-files.js";
import { createVoiceHost } from "./speech/voice-host.js";

export interface LocalProviderOptions {
  /**
   * CPU threads for generation. Default: `GENAI_LOCAL_THREADS`, else every core but one
   * (every core for speech); use 1 in tests.
   */
  threads?: number;
  /** `"auto"` (default) uses a GPU build of llama.cpp when one is installed; `false` = CPU only. */
  gpu?: "auto" | false;
  /** Tokens the chat context holds. Default: the model's own context length, at most 8192. */
  contextSize?: number;
  /** Refuse a model larger than free memory (default true). */
  checkMemory?: boolean;
  /** Where models are downloaded. Default: `GENAI_CACHE_DIR`, else `~/.cache/genai-path/models`. */
  cacheDir?: string;
  /** Download missing models (default true). False: only files already on disk. */
  download?: boolean;
  /** Hugging Face endpoint. Default: `HF_ENDPOINT`, else https://huggingface.co. */
  hfEndpoint?: string;
  /** Hugging Face token for gated or private repositories. Default: `HF_TOKEN`. */
  hfToken?: string;
  /** Fetch for hub requests and downloads (tests, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/**
 * The `local` provider: text and embeddings from GGUF models (llama.cpp), speech from
 * sherpa-onnx voices, all run in this process.
 */
export interface LocalProvider extends Provider {
  readonly id: "local";
  textModel(modelId: string): LocalTextModel;
  embeddingModel(modelId: string): LocalEmbeddingModel;
  /** `default` (GENAI_LOCAL_SPEECH_MODEL, else melo-tts-zh-en), a catalog voice, or a voice folder. */
  speechModel(modelId: string): LocalSpeechModel;
  /** Catalog ids, then every model file already in the cache (as `hf:owner/repo/file.gguf`). */
  listModels(): Promise<string[]>;
  /** Downloads a model or a voice (or finds it in the cache) without loading it. */
  pull(modelId: string, options?: ResolveOptions): Promise<ResolvedModelFile>;
  /** Frees every loaded model and llama.cpp itself (also done when the process is about to exit). */
  dispose(): Promise<void>;
}

/**
 * Creates the embedded provider. Model ids: a catalog id (`qwen2.5-0.5b-instruct`,
 * `bge-small-zh`, …), a path to a `.gguf` file, `hf:owner/repo/file.gguf`,
 * `hf:owner/repo:Q4_K_M`, or `default` (GENAI_LOCAL_MODEL, else the catalog default).
 */
export function createLocalProvider(options: LocalProviderOptions = {}): LocalProvider {
  const files = (): ModelFilesSettings => ({
    cacheDir: options.cacheDir ?? modelCacheDir(),
    hub: hubSettings({
      endpoint: options.hfEndpoint,
      token: options.hfToken,
      fetch: options.fetch,
    }),
    allowDownload: options.download ?? true,
  });
  const modelSettings: ModelSettings = {
    threads: options.threads ?? defaultThreads(),
    gpu: options.gpu ?? "auto",
    contextSize: options.contextSize,
    checkMemory: options.checkMemory ?? true,
  };
  const host: LocalModelHost = {
    load: async (modelId, job, signal) => {
      const file = await resolveModelFile(modelId, files(), { signal });
      const pooled = await loadPooledModel(file.path, modelSettings, {
        job,
        modelId: file.name,
      });
      return { pooled, name: file.name, warnings: runtimeSettingsWarnings(modelSettings) };
    },
  };
  // A voice takes every core unless GENAI_LOCAL_THREADS says otherwise.
  const speechThreads =
    options.threads ??
    (readSetting("GENAI_LOCAL_THREADS") ? defaultThreads() : availableParallelism());
  const voiceHost = createVoiceHost(files, speechThreads);
  return {
    id: "local",
    // `default` is resolved here so results name the model that really answered.
    textModel: (modelId) => new LocalTextModel(resolveDefault(modelId, "text"), host),
    embeddingModel: (modelId) => new LocalEmbeddingModel(resolveDefault(modelId, "embed"), host),
    speechModel: (modelId) => new LocalSpeechModel(resolveDefaultVoice(modelId), voiceHost),
    listModels: async () => {
      const cached = await listCachedFiles(files().cacheDir);
      return [
        ...catalog.map((model) => model.id),
        ...voiceCatalog.map((voice) => voice.id),
        ...cached.filter((file) => !file.partial).map((file) => `hf:${file.name}`),
      ];
    },
    pull: async (modelId, pullOptions) => {
      if (isVoiceReference(modelId)) {
        const voice = await resolveVoiceFiles(
          modelId,
          { ...files(), allowDownload: true },
          pullOptions,
        );
        return { path: voice.model, name: voice.name, downloaded: voice.downloaded };
      }
      return resolveModelFile(
        resolveDefault(modelId, "text"),
        { ...files(), allowDownload: true },
        pullOptions,
      );
    },
    dispose: async () => {
      disposeLocalVoices();
      await disposeLocalModels();
    },
  };
}

/** `default` → GENAI_LOCAL_SPEECH_MODEL, else the default catalog voice. */
function resolveDefaultVoice(modelId: string): string {
  if (modelId !== "default") return modelId;
  return readSetting("GENAI_LOCAL_SPEECH_MODEL") ?? defaultVoiceId;
}

/** `default` → GENAI_LOCAL_MODEL (GENAI_LOCAL_EMBED_MODEL first for embeddings), else the catalog default. */
function resolveDefault(modelId: string, job: "text" | "embed"): string {
  if (modelId !== "default") return modelId;
  const configured =
    (job === "embed" ? readSetting("GENAI_LOCAL_EMBED_MODEL") : undefined) ??
    readSetting("GENAI_LOCAL_MODEL");
  return configured ?? catalogDefaults[job];
}
