/**
 * OpenAI's price per million *training* tokens for supervised fine-tuning, from
 * openai.com/api/pricing (2025; checked again 2026-12-05 against copies of that page — prices
 * change, so look before a big job). A training
 * token is one token of one example in one epoch. Matched by prefix, so dated snapshots
 * (gpt-4.1-mini-2025-04-14) find their model.
 */
const pricesPerMillionUsd: Array<[prefix: string, usd: number]> = [
  ["gpt-4.1-nano", 1.5],
  ["gpt-4.1-mini", 5],
  ["gpt-4.1", 25],
  ["gpt-4o-mini", 3],
  ["gpt-4o", 25],
  ["gpt-3.5-turbo", 8],
];

/** The training price of a model (`openai:gpt-4.1-mini` or `gpt-4.1-mini`), when known. */
export function trainingPricePerMillion(model: string): number | undefined {
  const [provider, id] = model.includes(":")
    ? [model.slice(0, model.indexOf(":")), model.slice(model.indexOf(":") + 1)]
    : ["openai", model];
  if (provider !== "openai") return undefined;
  return pricesPerMillionUsd.find(([prefix]) => id.startsWith(prefix))?.[1];
}
