/**
 * Estimated prices per million tokens, for the cost line kits print. Prices change: override
 * with `setPrices`. Models missing here get no cost estimate rather than a wrong one.
 */
import type { Cost } from "./events.js";
import type { Usage } from "./spec/index.js";

export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
  currency: "USD" | "CNY";
}

const usd = (inputPerMillion: number, outputPerMillion: number): Price => ({
  inputPerMillion,
  outputPerMillion,
  currency: "USD",
});
const cny = (inputPerMillion: number, outputPerMillion: number): Price => ({
  inputPerMillion,
  outputPerMillion,
  currency: "CNY",
});

const prices = new Map<string, Price>(
  Object.entries({
    "openai:gpt-4o-mini": usd(0.15, 0.6),
    "openai:gpt-4o": usd(2.5, 10),
    "openai:gpt-4.1-mini": usd(0.4, 1.6),
    "openai:gpt-4.1": usd(2, 8),
    "openai:text-embedding-3-small": usd(0.02, 0),
    "openai:text-embedding-3-large": usd(0.13, 0),
    "deepseek:deepseek-chat": cny(2, 8),
    "deepseek:deepseek-reasoner": cny(4, 16),
    "qwen:qwen-plus": cny(0.8, 2),
    "qwen:qwen-turbo": cny(0.3, 0.6),
    "moonshot:moonshot-v1-8k": cny(2, 10),
    "zhipu:glm-4-flash": cny(0, 0),
    "siliconflow:Qwen/Qwen2.5-7B-Instruct": cny(0, 0),
  }),
);

/** Add or replace prices, keyed `"provider:modelId"`. */
export function setPrices(entries: Record<string, Price>): void {
  for (const [model, price] of Object.entries(entries)) prices.set(model, price);
}

/** Free providers (running on your own machine) cost nothing. */
const freeProviders = new Set(["local", "ollama"]);

export function estimateCost(provider: string, modelId: string, usage: Usage): Cost | undefined {
  if (freeProviders.has(provider)) return { amount: 0, currency: "USD" };
  const price = prices.get(`${provider}:${modelId}`);
  if (!price || (usage.inputTokens === undefined && usage.outputTokens === undefined))
    return undefined;
  const amount =
    ((usage.inputTokens ?? 0) * price.inputPerMillion +
      (usage.outputTokens ?? 0) * price.outputPerMillion) /
    1_000_000;
  return { amount, currency: price.currency };
}
