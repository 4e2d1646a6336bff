import type { InferenceClient } from "@huggingface/inference";
import { loadApiKey, readSetting } from "../../config.js";
import { ResponseObserver } from "../../observed-response.js";
import { providerFetch, proxyAwareFetch } from "../../proxy-fetch.js";
import type { Provider } from "../../spec/index.js";
import { firstListedProvider } from "./hf-auto-provider.js";
import { HfEmbeddingModel } from "./hf-embedding-model.js";
import { HfImageModel } from "./hf-image-model.js";
import { HfMusicModel } from "./hf-music-model.js";
import { HfSpeechModel } from "./hf-speech-model.js";
import { HfTextModel } from "./hf-text-model.js";
import { HfVideoModel } from "./hf-video-model.js";

export interface HuggingFaceSettings {
  /** Defaults to `HF_TOKEN`. */
  token?: string;
  /** Which Inference Provider serves the calls: `auto` (default, the hub's policy), `together`, … */
  provider?: string;
  fetch?: typeof globalThis.fetch;
  /** How often a queued fal-ai task is asked for its status. Default 500 ms, as the client does. */
  pollIntervalMs?: number;
}

const hubHost = "https://huggingface.co";
const routerHost = "https://router.huggingface.co";

/**
 * The client library hard-codes the hub and router hosts. `HF_ENDPOINT` (a hub mirror) and
 * `HF_ROUTER_URL` (a gateway, or a local server in tests) move them.
 */
function rewritingFetch(base: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const hub = readSetting("HF_ENDPOINT")?.replace(/\/+$/, "");
    const router = readSetting("HF_ROUTER_URL")?.replace(/\/+$/, "");
    let target = url;
    if (router && url.startsWith(routerHost)) target = router + url.slice(routerHost.length);
    else if (hub && url.startsWith(hubHost)) target = hub + url.slice(hubHost.length);
    return base(target, init);
  };
}

export class HfClientHolder {
  private client: Promise<InferenceClient> | undefined;
  readonly inferenceProvider: string;

  readonly pollIntervalMs: number;
  /** Every request goes through this: HF_ENDPOINT and HF_ROUTER_URL applied, then the proxy. */
  readonly http: typeof globalThis.fetch;
  private readonly resolved = new Map<string, string>();

  constructor(private readonly settings: HuggingFaceSettings) {
    this.inferenceProvider = settings.provider ?? readSetting("HF_PROVIDER") ?? "auto";
    this.http = providerFetch(rewritingFetch(settings.fetch ?? proxyAwareFetch));
    this.pollIntervalMs = settings.pollIntervalMs ?? 500;
  }

  /**
   * Runs one client call. The client drops the headers and body of an HTTP error, so the
   * call's fetch is observed and the error annotated (Retry-After, an HTML page).
   */
  async call<T>(
    signal: AbortSignal | undefined,
    run: (
      client: InferenceClient,
      options: { signal?: AbortSignal; fetch: typeof globalThis.fetch },
    ) => Promise<T>,
  ): Promise<T> {
    const client = await this.get();
    const observer = new ResponseObserver();
    try {
      return await run(client, { signal, fetch: observer.wrap(this.http) });
    } catch (error) {
      throw observer.annotate(error);
    }
  }

  /**
   * The Inference Provider to name in an image or embedding call: the configured one, or
   * `auto` resolved here once per model (see hf-auto-provider.ts for why).
   */
  async providerFor(modelId: string, signal: AbortSignal | undefined): Promise<string> {
    if (this.inferenceProvider !== "auto") return this.inferenceProvider;
    const known = this.resolved.get(modelId);
    if (known) return known;
    const listed = await firstListedProvider(modelId, this.token(), this.http, signal);
    if (listed === undefined) return "auto";
    this.resolved.set(modelId, listed);
    return listed;
  }

  get(): Promise<InferenceClient> {
    this.client ??= (async () => {
      const token = this.token();
      // The client's logger is process-wide (setLogger), so it is left to the host app.
      const { InferenceClient: Client } = await import("@huggingface/inference");
      // The library's own retry re-sends 503s at once and forever; core retries instead.
      return new Client(token, {
        fetch: this.http,
        retry_on_error: false,
      });
    })();
    this.client.catch(() => {
      this.client = undefined;
    });
    return this.client;
  }

  accessToken(): string {
    return this.token();
  }

  private token(): string {
    return loadApiKey({
      apiKey: this.settings.token,
      variable: "HF_TOKEN",
      provider: "hf",
      where: "https://huggingface.co/settings/tokens",
    });
  }
}

export function createHuggingFace(settings: HuggingFaceSettings = {}): Provider {
  const holder = new HfClientHolder(settings);
  return {
    id: "hf",
    textModel: (modelId) => new HfTextModel(modelId, holder),
    embeddingModel: (modelId) => new HfEmbeddingModel(modelId, holder),
    imageModel: (modelId) => new HfImageModel(modelId, holder),
    speechModel: (modelId) => new HfSpeechModel(modelId, holder),
    musicModel: (modelId) => new HfMusicModel(modelId, holder),
    videoModel: (modelId) => new HfVideoModel(modelId, holder),
  };
}
