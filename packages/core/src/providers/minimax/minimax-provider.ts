import { loadApiKey, readSetting } from "../../config.js";
import { providerFetch } from "../../proxy-fetch.js";
import type { Provider } from "../../spec/index.js";
import type { MiniMaxConnection } from "./minimax-client.js";
import { miniMaxKeyHint } from "./minimax-errors.js";
import { MiniMaxH3VideoModel } from "./minimax-h3-video-model.js";
import { MiniMaxMusicModel } from "./minimax-music-model.js";
import { MiniMaxSpeechModel } from "./minimax-speech-model.js";
import { MiniMaxVideoModel } from "./minimax-video-model.js";

/** The global platform; mainland (中国大陆) keys need `https://api.minimaxi.com`. */
export const miniMaxDefaultBaseURL = "https://api.minimax.io";

export interface MiniMaxSettings {
  apiKey?: string;
  /** The host without `/v1`; overrides MINIMAX_BASE_URL. */
  baseURL?: string;
}

/** `settings` override the environment (tests, apps that hold the key themselves). */
export function miniMaxConnection(settings: MiniMaxSettings = {}): MiniMaxConnection {
  const configured = settings.baseURL ?? readSetting("MINIMAX_BASE_URL");
  const baseURL = (configured ?? miniMaxDefaultBaseURL).replace(/\/+$/, "").replace(/\/v1$/, "");
  return {
    baseURL,
    apiKey: () =>
      loadApiKey({
        apiKey: settings.apiKey,
        variable: "MINIMAX_API_KEY",
        provider: "minimax",
        where: "https://platform.minimax.io (中国大陆: https://platform.minimaxi.com)",
      }),
    server: {
      provider: "minimax",
      fetch: providerFetch(),
      unreachableHint: `check the network, or MINIMAX_BASE_URL (${baseURL})`,
      explainStatus: (status, message) =>
        status === 401 || status === 403 ? `${message} ${miniMaxKeyHint}.` : undefined,
    },
  };
}

/** MiniMax: speech (T2A, voice cloning), music and Hailuo video. */
export function createMiniMax(settings: MiniMaxSettings = {}): Provider {
  const connection = miniMaxConnection(settings);
  return {
    id: "minimax",
    speechModel: (modelId) => new MiniMaxSpeechModel(modelId, connection),
    musicModel: (modelId) => new MiniMaxMusicModel(modelId, connection),
    // H3 models live on API v2; Hailuo and older ones on v1.
    videoModel: (modelId) =>
      /^MiniMax-H3/i.test(modelId)
        ? new MiniMaxH3VideoModel(modelId, connection)
        : new MiniMaxVideoModel(modelId, connection),
  };
}
