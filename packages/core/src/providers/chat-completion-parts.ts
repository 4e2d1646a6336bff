/**
 * OpenAI's chat-completion shapes, which Hugging Face's router and every OpenAI-compatible
 * vendor also speak: usage, finish reasons, and a chunk stream turned into stream parts.
 */
import type { FinishReason, TextStreamPart, Usage, Warning } from "../spec/index.js";

interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

interface ChatChunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: ChatUsage | null;
}

export function usageFromChat(usage: ChatUsage | null | undefined): Usage {
  return {
    inputTokens: usage?.prompt_tokens,
    outputTokens: usage?.completion_tokens,
    totalTokens: usage?.total_tokens,
  };
}

export function finishReasonFromChat(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "stop":
    case "eos_token":
    case "stop_sequence":
      return "stop";
    case "length":
      return "length";
    case "content_filter":
      return "content-filter";
    case "tool_calls":
    case "function_call":
      return "tool-calls";
    default:
      return "other";
  }
}

/**
 * Stream parts from chat-completion chunks. Without a finish reason the body ended early, so
 * the finish part is left out and core reports the stream as cut rather than complete.
 */
export async function* chatChunksToParts(
  chunks: AsyncIterable<ChatChunk>,
  warnings: Warning[],
): AsyncGenerator<TextStreamPart> {
  yield { type: "start", warnings };
  let finishReason: FinishReason | undefined;
  let usage: Usage = {};
  for await (const chunk of chunks) {
    const choice = chunk.choices?.[0];
    if (choice?.delta?.content) yield { type: "text-delta", delta: choice.delta.content };
    if (choice?.finish_reason) finishReason = finishReasonFromChat(choice.finish_reason);
    if (chunk.usage) usage = usageFromChat(chunk.usage);
  }
  if (finishReason) yield { type: "finish", finishReason, usage };
}
