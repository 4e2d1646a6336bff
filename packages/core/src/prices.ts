/**
 * Estimated prices per million tokens, for the cost line kits print. Each vendor's prices are
 * as listed on its pricing page in the month this table was written; they change, so every
 * estimate carries that month and page. Override with `setPrices`. Models missing here get no
 * cost estimate rather than a wrong one.
 */
import type { Cost } from "./events.js";
import type { Usage } from "./spec/index.js";

export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
  currency: "USD" | "CNY";
  /** The month the price was read, `YYYY-MM`. */
  checked?: string;
  /** The vendor's pricing page it was read from. */
  source?: string;
}

interface PriceList {
  source: string;
  checked: string;
  currency: Price["currency"];
  /** `"provider:modelId"` → [input, output] per million tokens. */
  models: Record<string, [number, number]>;
}

// Written in November 2026 (git log -- packages/core/src/prices.ts), as listed on these pages.
const lists: PriceList[] = [
  {
    source: "https://openai.com/api/pricing/",
    checked: "2026-11",
    currency: "USD",
    models: {
      "openai:gpt-4o-mini": [0.15, 0.6],
      "openai:gpt-4o": [2.5, 10],
      "openai:gpt-4.1-mini": [0.4, 1.6],
      "openai:gpt-4.1": [2, 8],
      "openai:text-embedding-3-small": [0.02, 0],
      "openai:text-embedding-3-large": [0.13, 0],
    },
  },
  {
    source: "https://api-docs.deepseek.com/zh-cn/quick_start/pricing",
    checked: "2026-11",
    currency: "CNY",
    models: { "deepseek:deepseek-chat": [2, 8], "deepseek:deepseek-reasoner": [4, 16] },
  },
  {
    source: "https://help.aliyun.com/zh/model-studio/models",
    checked: "2026-11",
    currency: "CNY",
    models: { "qwen:qwen-plus": [0.8, 2], "qwen:qwen-turbo": [0.3, 0.6] },
  },
  {
    source: "https://platform.moonshot.cn/docs/pricing/chat",
    checked: "2026-11",
    currency: "CNY",
    models: { "moonshot:moonshot-v1-8k": [2, 10] },
  },
  {
    source: "https://open.bigmodel.cn/pricing",
    checked: "2026-11",
    currency: "CNY",
    models: { "zhipu:glm-4-flash": [0, 0] },
  },
  {
    source: "https://siliconflow.cn/pricing",
    checked: "2026-11",
    currency: "CNY",
    models: { "siliconflow:Qwen/Qwen2.5-7B-Instruct": [0, 0] },
  },
];

const prices = new Map<string, Price>(
  lists.flatMap(({ models, ...listed }) =>
    Object.entries(models).map(([model, [inputPerMillion, outputPerMillion]]): [string, Price] => [
      model,
      { inputPerMillion, outputPerMillion, ...listed },
    ]),
  ),
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
  const cost: Cost = { amount, currency: price.currency };
  if (price.checked !== undefined) cost.priceChecked = price.checked;
  if (price.source !== undefined) cost.priceSource = price.source;
  return cost;
}
