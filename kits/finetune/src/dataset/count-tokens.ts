import { encodeChat } from "gpt-tokenizer/encoding/o200k_base";
import type { ChatExample } from "./chat-example.js";

/**
 * Tokens in one example as OpenAI counts them for chat fine-tuning: the o200k encoding with the
 * chat template's per-message framing (the gpt-4o / gpt-4.1 family). Other models are counted
 * the same way — an estimate, close enough for limits and cost.
 */
export function countExampleTokens(example: ChatExample, _model = "gpt-4o"): number {
  return encodeChat(example.messages, "gpt-4o").length;
}
