import { loadApiKey, readSetting } from "../../config.js";
import { providerFetch } from "../../proxy-fetch.js";
import type { Provider } from "../../spec/index.js";
import type { ElevenLabsConnection } from "./elevenlabs-client.js";
import { ElevenLabsMusicModel } from "./elevenlabs-music-model.js";
import { ElevenLabsSpeechModel } from "./elevenlabs-speech-model.js";

export const elevenLabsDefaultBaseURL = "https://api.elevenlabs.io";

export interface ElevenLabsSettings {
  apiKey?: string;
  /** The host without `/v1`; overrides ELEVENLABS_BASE_URL. */
  baseURL?: string;
}

/** `settings` override the environment (tests, apps that hold the key themselves). */
export function elevenLabsConnection(settings: ElevenLabsSettings = {}): ElevenLabsConnection {
  const configured = settings.baseURL ?? readSetting("ELEVENLABS_BASE_URL");
  const baseURL = (configured ?? elevenLabsDefaultBaseURL).replace(/\/+$/, "").replace(/\/v1$/, "");
  return {
    baseURL,
    apiKey: () =>
      loadApiKey({
        apiKey: settings.apiKey,
        variable: "ELEVENLABS_API_KEY",
        provider: "elevenlabs",
        where: "https://elevenlabs.io/app/settings/api-keys",
      }),
    server: {
      provider: "elevenlabs",
      fetch: providerFetch(),
      unreachableHint: `check the network, or ELEVENLABS_BASE_URL (${baseURL})`,
      explainStatus: (status, detail, url) => {
        const message = /[.!?]$/.test(detail) ? detail : `${detail}.`;
        if (status === 401) return `${message} Check ELEVENLABS_API_KEY.`;
        if (status === 402)
          return `${message} The account is out of credits or needs a higher plan.`;
        if (status === 403 && url.includes("/v1/music")) {
          return `${message} This account has no access to ElevenLabs Music; it needs a paid plan. A self-hosted ACE-Step app (gradio) or MiniMax Music does the same job.`;
        }
        return undefined;
      },
    },
  };
}

/** ElevenLabs: speech, instant voice cloning and music. */
export function createElevenLabs(settings: ElevenLabsSettings = {}): Provider {
  const connection = elevenLabsConnection(settings);
  return {
    id: "elevenlabs",
    speechModel: (modelId) => new ElevenLabsSpeechModel(modelId, connection),
    musicModel: (modelId) => new ElevenLabsMusicModel(modelId, connection),
  };
}
