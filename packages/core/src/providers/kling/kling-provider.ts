import { loadApiKey, readSetting } from "../../config.js";
import { providerFetch } from "../../proxy-fetch.js";
import type { Provider } from "../../spec/index.js";
import type { KlingConnection } from "./kling-client.js";
import { klingKeyHint } from "./kling-errors.js";
import { KlingTokenSource } from "./kling-token.js";
import { KlingVideoModel } from "./kling-video-model.js";

/** The global service; 中国大陆 accounts use `https://api-beijing.klingai.com`. */
export const klingDefaultBaseURL = "https://api-singapore.klingai.com";

const keysPage = "https://app.klingai.com/global/dev";

export interface KlingSettings {
  accessKey?: string;
  secretKey?: string;
  /** The host without `/v1`; overrides KLING_BASE_URL. */
  baseURL?: string;
  /** For tests of token renewal. */
  now?: () => number;
}

/** `settings` override the environment (tests, apps that hold the keys themselves). */
export function klingConnection(settings: KlingSettings = {}): KlingConnection {
  const configured = settings.baseURL ?? readSetting("KLING_BASE_URL");
  const baseURL = (configured ?? klingDefaultBaseURL).replace(/\/+$/, "").replace(/\/v1$/, "");
  const key = (apiKey: string | undefined, variable: string) =>
    loadApiKey({ apiKey, variable, provider: "kling", where: keysPage });
  return {
    baseURL,
    tokens: new KlingTokenSource(
      () => ({
        accessKey: key(settings.accessKey, "KLING_ACCESS_KEY"),
        secretKey: key(settings.secretKey, "KLING_SECRET_KEY"),
      }),
      settings.now,
    ),
    server: {
      provider: "kling",
      fetch: providerFetch(),
      unreachableHint: `check the network, or KLING_BASE_URL (${baseURL})`,
      explainStatus: (status, message) =>
        status === 401 ? `${message} ${klingKeyHint}.` : undefined,
    },
  };
}

/** Kling: text-to-video and image-to-video tasks. */
export function createKling(settings: KlingSettings = {}): Provider {
  const connection = klingConnection(settings);
  return {
    id: "kling",
    videoModel: (modelId) => new KlingVideoModel(modelId, connection),
  };
}
