import type { JsonSchema, Message, TextCallOptions, Usage } from "../spec/index.js";

/** Sampling settings shared by generateText and streamText. */
export interface SamplingOptions {
  temperature?: number;
  maxOutputTokens?: number;
  topP?: number;
  stopSequences?: string[];
  seed?: number;
}

export function textRequest(
  messages: Message[],
  options: SamplingOptions,
  schema?: JsonSchema,
): Omit<TextCallOptions, "signal" | "headers" | "providerOptions"> {
  return {
    messages,
    temperature: options.temperature,
    maxOutputTokens: options.maxOutputTokens,
    topP: options.topP,
    stopSequences: options.stopSequences,
    seed: options.seed,
    responseFormat: schema ? { type: "json", schema, name: "response" } : undefined,
  };
}

export function addUsage(a: Usage, b: Usage): Usage {
  const add = (x?: number, y?: number) =>
    x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0);
  return {
    inputTokens: add(a.inputTokens, b.inputTokens),
    outputTokens: add(a.outputTokens, b.outputTokens),
    totalTokens: add(a.totalTokens, b.totalTokens),
  };
}
