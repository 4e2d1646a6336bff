import { loadApiKey, readSetting } from "../../config.js";
import { providerFetch } from "../../proxy-fetch.js";
import type { SpeechModel, VideoModel } from "../../spec/index.js";
import { type DashScopeConnection, DashScopeSpeechModel } from "./dashscope-speech-model.js";
import { DashScopeVideoModel } from "./dashscope-video-model.js";

/** The native API (speech, video); the OpenAI-compatible one serves text under the same key. */
export const dashScopeDefaultBaseURL = "https://dashscope.aliyuncs.com/api/v1";

export interface DashScopeSettings {
  apiKey?: string;
  baseURL?: string;
}

/** `settings` override the environment (tests, apps that hold the key themselves). */
export function dashScopeConnection(settings: DashScopeSettings = {}): DashScopeConnection {
  const configured = settings.baseURL ?? readSetting("DASHSCOPE_BASE_URL");
  const baseURL = (configured ?? dashScopeDefaultBaseURL).replace(/\/+$/, "");
  return {
    baseURL,
    apiKey: () =>
      loadApiKey({ apiKey: settings.apiKey, variable: "DASHSCOPE_API_KEY", provider: "qwen" }),
    server: {
      provider: "qwen",
      fetch: providerFetch(),
      unreachableHint: `check the network, or DASHSCOPE_BASE_URL (${baseURL})`,
      explainStatus: (status, message) =>
        status === 401 || status === 403
          ? `${message} Keys are per region: a Singapore key needs DASHSCOPE_BASE_URL=https://dashscope-intl.aliyuncs.com/api/v1.`
          : undefined,
    },
  };
}

export function dashScopeSpeechModel(
  modelId: string,
  settings: DashScopeSettings = {},
): SpeechModel {
  return new DashScopeSpeechModel(modelId, dashScopeConnection(settings));
}

/** Wan video (`qwen:wan2.6-t2v`, `qwen:wan2.6-i2v`, …) as DashScope async tasks. */
export function dashScopeVideoModel(modelId: string, settings: DashScopeSettings = {}): VideoModel {
  return new DashScopeVideoModel(modelId, dashScopeConnection(settings));
}
