import type OpenAI from "openai";
import { loadApiKey, readSetting } from "../../config.js";
import { providerFetch } from "../../proxy-fetch.js";
import type { Provider } from "../../spec/index.js";
import { OpenAIEmbeddingModel } from "./openai-embedding-model.js";
import { OpenAIImageModel } from "./openai-image-model.js";
import { OpenAISpeechModel } from "./openai-speech-model.js";
import { OpenAITextModel } from "./openai-text-model.js";
import { OpenAIVideoModel } from "./openai-video-model.js";
import type { OpenAICompatiblePreset } from "./presets.js";

export interface OpenAICompatibleSettings {
  /** Overrides the key variable. */
  apiKey?: string;
  /** Overrides `<ID>_BASE_URL` and the preset's URL. */
  baseURL?: string;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

/** The shared client for one provider, created on first use so importing core stays cheap. */
export class OpenAIClientHolder {
  private client: Promise<OpenAI> | undefined;
  /** The fetch the client uses; also for downloading the files an answer links to. */
  readonly fetch: typeof globalThis.fetch;

  constructor(
    readonly preset: OpenAICompatiblePreset,
    private readonly settings: OpenAICompatibleSettings,
  ) {
    this.fetch = providerFetch(settings.fetch);
  }

  get(): Promise<OpenAI> {
    if (!this.client) {
      this.client = this.create();
      // A failed creation (a missing key) is not kept: the next call tries again.
      this.client.catch(() => {
        this.client = undefined;
      });
    }
    return this.client;
  }

  private async create(): Promise<OpenAI> {
    const { preset, settings } = this;
    const apiKey = preset.keyOptional
      ? (settings.apiKey ?? readSetting(preset.apiKeyVariable) ?? "not-needed")
      : loadApiKey({
          apiKey: settings.apiKey,
          variable: preset.apiKeyVariable,
          provider: preset.id,
          where: preset.keyUrl,
        });
    const { default: OpenAIClient } = await import("openai");
    return new OpenAIClient({
      apiKey,
      baseURL: settings.baseURL ?? readSetting(preset.baseURLVariable) ?? preset.baseURL,
      // Core owns retries and timeouts; the client's own would stack on top of them.
      maxRetries: 0,
      timeout: 24 * 60 * 60 * 1000,
      defaultHeaders: settings.headers,
      fetch: this.fetch,
    });
  }
}

/** A provider for an OpenAI-compatible API described by a preset. */
export function createOpenAICompatible(
  preset: OpenAICompatiblePreset,
  settings: OpenAICompatibleSettings = {},
): Provider {
  const holder = new OpenAIClientHolder(preset, settings);
  return {
    id: preset.id,
    textModel: (modelId) => new OpenAITextModel(modelId, holder),
    embeddingModel: (modelId) => new OpenAIEmbeddingModel(modelId, holder),
    imageModel: (modelId) => new OpenAIImageModel(modelId, holder),
    speechModel: (modelId) => new OpenAISpeechModel(modelId, holder),
    // Sora is OpenAI's own; the compatible vendors serve video on other APIs.
    ...(preset.id === "openai"
      ? { videoModel: (modelId: string) => new OpenAIVideoModel(modelId, holder) }
      : {}),
    async listModels(options) {
      const client = await holder.get();
      const models: string[] = [];
      for await (const model of client.models.list({ signal: options?.signal } as never))
        models.push(model.id);
      return models;
    },
  };
}
