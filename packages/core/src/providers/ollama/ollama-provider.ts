import { AsyncLocalStorage } from "node:async_hooks";
import type { Ollama } from "ollama";
import { readSetting } from "../../config.js";
import { ApiCallError, ConnectionError } from "../../errors.js";
import { toPathError } from "../../map-error.js";
import { ResponseObserver } from "../../observed-response.js";
import { providerFetch } from "../../proxy-fetch.js";
import type { Provider } from "../../spec/index.js";
import { OllamaEmbeddingModel } from "./ollama-embedding-model.js";
import { OllamaTextModel } from "./ollama-text-model.js";

export interface OllamaSettings {
  /** Defaults to `OLLAMA_HOST`, then `http://127.0.0.1:11434`. */
  host?: string;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

/** Lazily creates the `ollama` client and explains its errors in Ollama's own terms. */
export class OllamaClientHolder {
  private client: Promise<Ollama> | undefined;
  readonly host: string;

  constructor(private readonly settings: OllamaSettings) {
    this.host = settings.host ?? readSetting("OLLAMA_HOST") ?? "http://127.0.0.1:11434";
  }

  // The ollama client takes no per-request signal and drops error headers, so each call's
  // signal and response observer travel to the shared client's fetch through async context:
  // an abort really closes the HTTP request, and a 429's Retry-After is seen.
  private readonly callContext = new AsyncLocalStorage<{
    signal: AbortSignal | undefined;
    observer: ResponseObserver;
  }>();

  get(): Promise<Ollama> {
    const baseFetch = providerFetch(this.settings.fetch);
    const fetchForCall: typeof fetch = async (input, init) => {
      const call = this.callContext.getStore();
      const signals = [init?.signal, call?.signal].filter((item): item is AbortSignal => !!item);
      const fetchOnce = call ? call.observer.wrap(baseFetch) : baseFetch;
      const response = await fetchOnce(input, {
        ...init,
        signal: signals.length ? AbortSignal.any(signals) : undefined,
      });
      return asJsonError(response);
    };
    this.client ??= import("ollama").then(
      ({ Ollama: OllamaClient }) =>
        new OllamaClient({ host: this.host, headers: this.settings.headers, fetch: fetchForCall }),
    );
    return this.client;
  }

  /** Runs a client call with `signal` on every request it makes and its errors annotated. */
  async withSignal<T>(signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    const observer = new ResponseObserver();
    try {
      return await this.callContext.run({ signal, observer }, run);
    } catch (error) {
      throw observer.annotate(error);
    }
  }

  /** Adds the fix a person needs: `ollama pull` for a missing model, `ollama serve` when down. */
  explain(error: unknown, modelId: string): unknown {
    const mapped = toPathError(error, { provider: "ollama" });
    if (mapped instanceof ApiCallError && mapped.status === 404) {
      return new ApiCallError({
        provider: "ollama",
        status: 404,
        message: `model "${modelId}" is not on this Ollama server; run: ollama pull ${modelId}`,
        cause: error,
      });
    }
    if (mapped instanceof ConnectionError) {
      return new ConnectionError(
        "ollama",
        `nothing answers at ${this.host}. Start Ollama (ollama serve) or set OLLAMA_HOST.`,
        error,
      );
    }
    return error;
  }
}

export function createOllama(settings: OllamaSettings = {}): Provider {
  const holder = new OllamaClientHolder(settings);
  return {
    id: "ollama",
    textModel: (modelId) => new OllamaTextModel(modelId, holder),
    embeddingModel: (modelId) => new OllamaEmbeddingModel(modelId, holder),
    async listModels() {
      const client = await holder.get();
      try {
        const { models } = await client.list();
        return models.map((model) => model.name);
      } catch (error) {
        throw holder.explain(error, "");
      }
    },
  };
}

/**
 * The ollama client logs to the console when an error body is not JSON (a proxy's HTML page);
 * library code must not print, so such a body reaches it as Ollama's own `{"error": …}`.
 */
async function asJsonError(response: Response): Promise<Response> {
  if (response.ok || response.headers.get("content-type")?.includes("application/json")) {
    return response;
  }
  const text = (await response.text().catch(() => "")).slice(0, 500);
  return new Response(JSON.stringify({ error: text || response.statusText }), {
    status: response.status,
    statusText: response.statusText,
    headers: { "content-type": "application/json" },
  });
}
