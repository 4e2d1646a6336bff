import { fakeEmbedding } from "./fake-embedding.js";
import type { FakeExchange } from "./fake-exchange.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import { estimateTokens } from "./fake-text.js";
import { answerOllamaText } from "./ollama-chat.js";
import { modelEntry, pullProgress, showResponse, withTag } from "./ollama-models.js";

/** Options for {@link startFakeOllama}. */
export interface FakeOllamaOptions {
  /** Installed models. Default `["qwen2.5:0.5b", "nomic-embed-text"]`; a pull adds to them. */
  models?: string[];
  /** Embedding size when the request gives no `dimensions`. Default 8. */
  embeddingDimensions?: number;
  /** What `GET /api/version` reports. Default "0.12.0". */
  version?: string;
}

function ollamaErrorForStatus(status: number): { error: string } {
  if (status === 503)
    return { error: "server busy, please try again.  maximum pending requests exceeded" };
  if (status === 500) return { error: "llama runner process has terminated: exit status 2" };
  return { error: `request failed with status ${status}` };
}

function embedInputs(input: unknown): string[] {
  if (typeof input === "string") return [input];
  return Array.isArray(input) ? input.map(String) : [];
}

/**
 * Starts a fake Ollama server; give `url` to `new Ollama({ host })`. Serves `/api/chat`,
 * `/api/generate`, `/api/embed`, `/api/embeddings`, `/api/tags`, `/api/pull`, `/api/show`,
 * `/api/ps`, `/api/delete`, `/api/version` and `GET /`. Unknown models get 404
 * `{"error":"model \"x\" not found, try pulling it first"}`.
 */
export function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeServer> {
  const installed = new Set(
    (options.models ?? ["qwen2.5:0.5b", "nomic-embed-text"]).map((name) => withTag(name)),
  );
  const dimensions = options.embeddingDimensions ?? 8;

  /** The requested model when it is installed; otherwise answers with an error and gives undefined. */
  function requireModel(exchange: FakeExchange): string | undefined {
    const body = (exchange.request.body ?? {}) as Record<string, unknown>;
    const name = body.model ?? body.name;
    if (typeof name !== "string" || name === "") {
      exchange.json({ error: "model is required" }, 400);
      return undefined;
    }
    if (installed.has(withTag(name))) return name;
    exchange.json({ error: `model "${name}" not found, try pulling it first` }, 404);
    return undefined;
  }

  async function route(exchange: FakeExchange): Promise<void> {
    const { method, path, body } = exchange.request;
    const fields = (body ?? {}) as Record<string, unknown>;
    const route = `${method} ${path}`;
    if (route === "GET /" || route === "HEAD /") {
      exchange.response.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      exchange.response.end("Ollama is running");
      return;
    }
    if (route === "GET /api/version")
      return exchange.json({ version: options.version ?? "0.12.0" });
    if (route === "GET /api/tags") return exchange.json({ models: [...installed].map(modelEntry) });
    if (route === "GET /api/ps") return exchange.json({ models: [] });
    if (route === "POST /api/chat" || route === "POST /api/generate") {
      if (!requireModel(exchange)) return;
      return answerOllamaText(exchange, path === "/api/chat" ? "chat" : "generate");
    }
    if (route === "POST /api/embed") {
      const model = requireModel(exchange);
      if (!model) return;
      const inputs = embedInputs(fields.input);
      const size = typeof fields.dimensions === "number" ? fields.dimensions : dimensions;
      return exchange.json({
        model,
        embeddings: inputs.map((text) => fakeEmbedding(text, size)),
        total_duration: 2_000_000,
        load_duration: 1_000_000,
        prompt_eval_count: inputs.reduce((sum, text) => sum + estimateTokens(text), 0),
      });
    }
    if (route === "POST /api/embeddings") {
      if (!requireModel(exchange)) return;
      return exchange.json({ embedding: fakeEmbedding(String(fields.prompt ?? ""), dimensions) });
    }
    if (route === "POST /api/show") {
      const model = requireModel(exchange);
      return model ? exchange.json(showResponse(model)) : undefined;
    }
    if (route === "DELETE /api/delete") {
      const model = requireModel(exchange);
      if (!model) return;
      installed.delete(withTag(model));
      return exchange.json({});
    }
    if (route === "POST /api/pull") {
      const name = fields.name ?? fields.model;
      if (typeof name !== "string" || name === "")
        return exchange.json({ error: "model is required" }, 400);
      if (fields.stream === false) {
        installed.add(withTag(name));
        return exchange.json({ status: "success" });
      }
      const outcome = await exchange.ndjson(pullProgress(name));
      if (outcome === "complete") installed.add(withTag(name));
      return;
    }
    exchange.response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    exchange.response.end("404 page not found");
  }

  return startFakeServer(route, { errorBody: ollamaErrorForStatus });
}
