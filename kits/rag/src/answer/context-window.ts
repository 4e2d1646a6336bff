/** Context windows (tokens) of common chat models, by model-id prefix; the first match wins. */
const knownWindows: Array<[RegExp, number]> = [
  [/^gpt-4\.1/, 1_000_000],
  [/^(gpt-4o|gpt-4-turbo|gpt-5|o[134])/, 128_000],
  [/^gpt-3\.5/, 16_000],
  [/^deepseek/, 64_000],
  [/^(qwen-long)/, 1_000_000],
  [/^(qwen|glm|moonshot|kimi)/, 32_000],
  [/^(claude|gemini)/, 200_000],
  [/^(llama3|llama-3|mistral|gemma)/, 8_192],
];

/** When the model is not known: small enough for the embedded and most local models. */
export const defaultContextTokens = 4_096;

/** How many tokens the model reads at once; unknown models get {@link defaultContextTokens}. */
export function contextTokensFor(modelId: string): number {
  const id = modelId.toLowerCase().replace(/^.*\//, "");
  return knownWindows.find(([pattern]) => pattern.test(id))?.[1] ?? defaultContextTokens;
}
