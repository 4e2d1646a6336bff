import type { CallSettings, JsonSchema, Message, TextCallOptions, Usage } from "../spec/index.js";

/** Sampling settings shared by generateText and streamText. */
export interface SamplingOptions {
  temperature?: number;
  maxOutputTokens?: number;
  topP?: number;
  stopSequences?: string[];
  seed?: number;
}

/** What the adapter gets for one attempt: one literal, not a merge of spread objects. */
export function textRequest(
  messages: Message[],
  options: SamplingOptions,
  settings: CallSettings,
  schema?: JsonSchema,
): TextCallOptions {
  return {
    messages,
    temperature: options.temperature,
    maxOutputTokens: options.maxOutputTokens,
    topP: options.topP,
    stopSequences: options.stopSequences,
    seed: options.seed,
    responseFormat: schema ? { type: "json", schema, name: "response" } : undefined,
    signal: settings.signal,
    headers: settings.headers,
    providerOptions: settings.providerOptions,
    onActivity: settings.onActivity,
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
