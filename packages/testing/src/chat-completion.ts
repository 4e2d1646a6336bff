import type { FakeExchange } from "./fake-exchange.js";
import { fakeReply, replyFormatFromResponseFormat } from "./fake-reply.js";
import { chunkText, estimateTokens, lastUserText, limitTokens, messageText } from "./fake-text.js";

/** The fields of an OpenAI-style chat request that the fakes read. */
export interface ChatCompletionRequestBody {
  model?: string;
  messages?: { role?: string; content?: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: unknown;
  max_tokens?: number;
  max_completion_tokens?: number;
}

/** A fixed `created` timestamp, so replies are deterministic. */
export const fakeCreated = 1_700_000_000;

/**
 * Answers an OpenAI-format chat completion (JSON, or SSE chunks ending in `data: [DONE]`), with
 * the text from {@link fakeReply}. Used by the OpenAI and Hugging Face router fakes.
 */
export async function answerChatCompletion(exchange: FakeExchange, id: string): Promise<void> {
  const body = exchange.request.body as ChatCompletionRequestBody;
  const model = body.model ?? "unknown";
  const override = exchange.fault && "reply" in exchange.fault ? exchange.fault.reply : undefined;
  const full = fakeReply(
    lastUserText(body.messages),
    replyFormatFromResponseFormat(body.response_format),
    override,
    body.messages,
  );
  const limited = limitTokens(full, body.max_completion_tokens ?? body.max_tokens);
  const finishReason = limited.truncated ? "length" : "stop";
  const promptTokens = (body.messages ?? []).reduce(
    (sum, message) => sum + estimateTokens(messageText(message.content)),
    0,
  );
  const completionTokens = estimateTokens(limited.text);
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  const head = { id, created: fakeCreated, model, system_fingerprint: "fp_fake" };

  if (!body.stream) {
    const message = { role: "assistant", content: limited.text, refusal: null };
    exchange.json({
      ...head,
      object: "chat.completion",
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
      usage,
    });
    return;
  }
  const includeUsage = body.stream_options?.include_usage === true;
  const chunk = (delta: object, finish: string | null) => ({
    ...head,
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const events: object[] = [
    chunk({ role: "assistant", content: "", refusal: null }, null),
    ...chunkText(limited.text).map((piece) => chunk({ content: piece }, null)),
    chunk({}, finishReason),
  ];
  if (includeUsage) events.push({ ...head, object: "chat.completion.chunk", choices: [], usage });
  await exchange.sse(events);
}
