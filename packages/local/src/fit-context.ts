/**
 * Makes a conversation fit the model's context window: the oldest turns go first, the system
 * message and the last message always stay. When even those do not fit, the call fails with
 * the numbers instead of letting llama.cpp silently cut the prompt.
 */
import { InvalidInputError } from "@path/core";
import type { Warning } from "@path/core/spec";
import type { ChatHistoryItem } from "node-llama-cpp";

export interface FitOptions {
  /** Tokens the prompt for this history takes, chat template included. */
  countTokens: (history: ChatHistoryItem[]) => number;
  contextSize: number;
  /** Tokens to keep free for the answer (capped at half the context). */
  reserveForOutput: number;
  modelName: string;
}

export interface FittedHistory {
  history: ChatHistoryItem[];
  inputTokens: number;
  warnings: Warning[];
}

/** The smallest answer worth starting. */
const minimumAnswerTokens = 16;

export function fitToContext(history: ChatHistoryItem[], options: FitOptions): FittedHistory {
  const budget =
    options.contextSize - Math.min(options.reserveForOutput, Math.floor(options.contextSize / 2));
  let current = history;
  let tokens = options.countTokens(current);
  let dropped = 0;
  while (tokens > budget) {
    const oldest = current.findIndex(
      (item, index) => item.type !== "system" && index < current.length - 1,
    );
    if (oldest === -1) break;
    // Drop a whole turn: a user message together with the answer that follows it.
    const count =
      current[oldest]?.type === "user" &&
      current[oldest + 1]?.type === "model" &&
      oldest + 1 < current.length - 1
        ? 2
        : 1;
    current = [...current.slice(0, oldest), ...current.slice(oldest + count)];
    dropped += count;
    tokens = options.countTokens(current);
  }
  if (tokens > options.contextSize - minimumAnswerTokens) {
    throw new InvalidInputError(
      `The prompt is ${tokens} tokens, but ${options.modelName} holds ${options.contextSize} tokens in its context, answer included${dropped > 0 ? `, even after leaving out ${dropped} older message(s)` : ""}. Shorten the last message or the system message, or use a model with a larger context (contextSize option).`,
    );
  }
  const warnings: Warning[] =
    dropped === 0
      ? []
      : [
          {
            type: "other",
            message: `The conversation did not fit ${options.modelName}'s ${options.contextSize}-token context: the ${dropped} oldest message(s) were left out (the system message and the last message were kept).`,
          },
        ];
  return { history: current, inputTokens: tokens, warnings };
}
