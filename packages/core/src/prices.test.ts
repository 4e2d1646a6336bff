import { describe, expect, it } from "vitest";
import { estimateCost, setPrices } from "./prices.js";

describe("estimateCost", () => {
  it("carries the month the price was read and the page it was read from", () => {
    const cost = estimateCost("openai", "gpt-4o-mini", { inputTokens: 1_000, outputTokens: 500 });
    expect(cost).toEqual({
      amount: (1_000 * 0.15 + 500 * 0.6) / 1_000_000,
      currency: "USD",
      priceChecked: "2026-11",
      priceSource: "https://openai.com/api/pricing/",
    });
    expect(estimateCost("deepseek", "deepseek-chat", { inputTokens: 1 })).toMatchObject({
      currency: "CNY",
      priceChecked: "2026-11",
      priceSource: expect.stringMatching(/^https:\/\/api-docs\.deepseek\.com\//),
    });
  });

  it("claims no date or source for a price the app set without one", () => {
    setPrices({
      "example:priced-model": { inputPerMillion: 1, outputPerMillion: 2, currency: "USD" },
    });
    expect(estimateCost("example", "priced-model", { outputTokens: 1_000_000 })).toEqual({
      amount: 2,
      currency: "USD",
    });
  });

  it("gives no estimate for an unknown model and nothing to pay for a local one", () => {
    expect(estimateCost("openai", "not-in-the-table", { inputTokens: 10 })).toBeUndefined();
    expect(estimateCost("local", "any", { inputTokens: 10 })).toEqual({
      amount: 0,
      currency: "USD",
    });
  });
});
