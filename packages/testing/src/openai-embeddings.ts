import { fakeEmbedding, float32Base64 } from "./fake-embedding.js";
import type { FakeExchange } from "./fake-exchange.js";
import { estimateTokens } from "./fake-text.js";
import { openAIError } from "./openai-error.js";

interface EmbeddingsRequestBody {
  model?: string;
  input?: unknown;
  encoding_format?: "float" | "base64";
  dimensions?: number;
}

function inputTexts(input: unknown): string[] | undefined {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === "string")) return input;
  // Token arrays: one (number[]) or several (number[][]).
  if (input.every((item) => typeof item === "number")) return [input.join(" ")];
  return input.map((item) => (Array.isArray(item) ? item.join(" ") : String(item)));
}

/** Answers `POST /v1/embeddings`, honouring `encoding_format` (base64 float32 LE, or float). */
export function answerEmbeddings(exchange: FakeExchange, defaultDimensions: number): void {
  const body = exchange.request.body as EmbeddingsRequestBody;
  const texts = inputTexts(body.input);
  if (!texts) {
    const error = openAIError(
      "'input' must be a non-empty string or array",
      "invalid_request_error",
    );
    exchange.json({ error: { ...error.error, param: "input" } }, 400);
    return;
  }
  const dimensions = body.dimensions ?? defaultDimensions;
  const data = texts.map((text, index) => {
    const vector = fakeEmbedding(text, dimensions);
    const embedding = body.encoding_format === "base64" ? float32Base64(vector) : vector;
    return { object: "embedding", index, embedding };
  });
  const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  exchange.json({
    object: "list",
    data,
    model: body.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
