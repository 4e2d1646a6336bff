/**
 * OpenAI's longest training example per model, in tokens (fine-tuning guide, 2025): 65,536 for
 * the gpt-4o and gpt-4.1 families, 16,385 for gpt-3.5-turbo. Longer examples are cut, or the
 * file is refused. Matched by prefix, like the prices.
 */
const limits: Array<[prefix: string, tokens: number]> = [
  ["gpt-4.1", 65_536],
  ["gpt-4o", 65_536],
  ["gpt-3.5-turbo", 16_385],
];

export const defaultExampleTokenLimit = 65_536;

/** The per-example limit of `openai:gpt-4.1-mini` or `gpt-4.1-mini`, when known. */
export function exampleTokenLimit(model: string): number | undefined {
  const id = model.startsWith("openai:") ? model.slice("openai:".length) : model;
  if (id.includes(":")) return undefined;
  return limits.find(([prefix]) => id.startsWith(prefix))?.[1];
}
