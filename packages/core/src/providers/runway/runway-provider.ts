import { loadApiKey, readSetting } from "../../config.js";
import { providerFetch } from "../../proxy-fetch.js";
import type { Provider } from "../../spec/index.js";
import type { RunwayConnection } from "./runway-client.js";
import { RunwayVideoModel } from "./runway-video-model.js";

export const runwayDefaultBaseURL = "https://api.dev.runwayml.com";
export const runwayKeyPage = "https://dev.runwayml.com/";

export interface RunwaySettings {
  apiKey?: string;
  /** The host without `/v1`; overrides RUNWAYML_BASE_URL. */
  baseURL?: string;
}

/** `settings` override the environment (tests, apps that hold the key themselves). */
export function runwayConnection(settings: RunwaySettings = {}): RunwayConnection {
  const configured = settings.baseURL ?? readSetting("RUNWAYML_BASE_URL");
  const baseURL = (configured ?? runwayDefaultBaseURL).replace(/\/+$/, "").replace(/\/v1$/, "");
  return {
    baseURL,
    apiKey: () =>
      loadApiKey({
        apiKey: settings.apiKey,
        variable: "RUNWAYML_API_SECRET",
        provider: "runway",
        where: runwayKeyPage,
      }),
    server: {
      provider: "runway",
      fetch: providerFetch(),
      unreachableHint: `check the network, or RUNWAYML_BASE_URL (${baseURL})`,
      explainStatus: (status, detail, url) => {
        const message = /[.!?]$/.test(detail) ? detail : `${detail}.`;
        if (status === 401) {
          return `${message} Check RUNWAYML_API_SECRET (keys at ${runwayKeyPage}).`;
        }
        if (status === 404 && /\/v1\/tasks\/[^/]+$/.test(url)) {
          const id = decodeURIComponent(url.slice(url.lastIndexOf("/") + 1));
          return `${message} Task ${id} is unknown to runway (deleted, or made with another key).`;
        }
        if (status === 429) {
          return `${message} Runway limits generations a day (a rolling 24 h) by your account's tier; wait, or see the tier at ${runwayKeyPage}.`;
        }
        return undefined;
      },
    },
  };
}

/** Runway: image-to-video and text-to-video tasks (gen4_turbo, gen4.5, veo3.1, …). */
export function createRunway(settings: RunwaySettings = {}): Provider {
  const connection = runwayConnection(settings);
  return {
    id: "runway",
    videoModel: (modelId) => new RunwayVideoModel(modelId, connection),
  };
}
