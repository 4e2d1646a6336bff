/** The price line the kit shows before a paid job, known or not. */
import { describe, expect, it } from "vitest";
import { priceText } from "../src/shared/run-video-job.js";

describe("priceText", () => {
  it("shows the estimate, the rate and when the price was read", () => {
    expect(
      priceText({
        provider: "openai",
        modelId: "sora-2-pro",
        seconds: 8,
        cost: { amount: 2.4, currency: "USD", priceChecked: "2026-12" },
      }),
    ).toBe("about $2.40 (openai:sora-2-pro, 8 s at $0.30/s, prices of 2026-12)");
    expect(
      priceText({
        provider: "qwen",
        modelId: "wan-x",
        seconds: 5,
        cost: { amount: 1.5, currency: "CNY" },
      }),
    ).toBe("about ¥1.50 (qwen:wan-x, 5 s at ¥0.30/s)");
  });

  it("says when the kit does not know the price, and where to look", () => {
    expect(priceText({ provider: "kling", modelId: "kling-v9", seconds: 10 })).toBe(
      "an unknown price (kling:kling-v9 is not in the kit's price list; look at kling's pricing page) for 10 s",
    );
  });
});
