import type { FakeExchange } from "./fake-exchange.js";
import { fakeReply, replyFormatFromOllamaFormat } from "./fake-reply.js";
import { chunkText, estimateTokens, lastUserText, limitTokens, messageText } from "./fake-text.js";
import { ollamaTimestamp } from "./ollama-models.js";

interface OllamaTextRequestBody {
  model: string;
  messages?: { role?: string; content?: unknown }[];
  prompt?: string;
  system?: string;
  stream?: boolean;
  format?: unknown;
  options?: { num_predict?: number };
}

/**
 * Answers `POST /api/chat` (or `/api/generate` when `kind` is "generate"): JSON, or NDJSON when
 * `stream` is true or absent, ending in a `done:true` line with `done_reason` and counts.
 */
export async function answerOllamaText(
  exchange: FakeExchange,
  kind: "chat" | "generate",
): Promise<void> {
  const body = exchange.request.body as OllamaTextRequestBody;
  const prompt = kind === "chat" ? lastUserText(body.messages) : (body.prompt ?? "");
  const override = exchange.fault && "reply" in exchange.fault ? exchange.fault.reply : undefined;
  const format = replyFormatFromOllamaFormat(body.format);
  const full = fakeReply(
    prompt,
    format,
    override,
    body.messages ?? [{ content: body.system }, { content: prompt }],
  );
  const limited = limitTokens(full, body.options?.num_predict);
  const promptEvalCount =
    kind === "chat"
      ? (body.messages ?? []).reduce(
          (sum, message) => sum + estimateTokens(messageText(message.content)),
          0,
        )
      : estimateTokens(prompt);
  const evalCount = estimateTokens(limited.text);
  const stats = {
    done_reason: limited.truncated ? "length" : "stop",
    total_duration: 1_000_000 + promptEvalCount * 1_000_000 + evalCount * 10_000_000,
    load_duration: 1_000_000,
    prompt_eval_count: promptEvalCount,
    prompt_eval_duration: promptEvalCount * 1_000_000,
    eval_count: evalCount,
    eval_duration: evalCount * 10_000_000,
    ...(kind === "generate" ? { context: [1, 2, 3] } : {}),
  };
  const head = { model: body.model, created_at: ollamaTimestamp };
  const content = (text: string) =>
    kind === "chat" ? { message: { role: "assistant", content: text } } : { response: text };

  if (body.stream === false) {
    exchange.json({ ...head, ...content(limited.text), done: true, ...stats });
    return;
  }
  await exchange.ndjson([
    ...chunkText(limited.text).map((piece) => ({ ...head, ...content(piece), done: false })),
    { ...head, ...content(""), done: true, ...stats },
  ]);
}
