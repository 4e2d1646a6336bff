import { formatProgressBar } from "@path/kit-cli";
import { describe, expect, it } from "vitest";
import { formatCost, roundCost } from "../src/shared/cost.js";
import { formatSummary } from "../src/shared/summary.js";

describe("summary line", () => {
  it("names the model, tokens, time, first token and cost", () => {
    const line = formatSummary({
      provider: "deepseek",
      modelId: "deepseek-chat",
      usage: { inputTokens: 12, outputTokens: 40 },
      durationMs: 1340,
      timeToFirstTokenMs: 420,
      cost: { amount: 0.000344, currency: "CNY" },
    });
    expect(line).toBe(
      "deepseek:deepseek-chat · 12 in / 40 out tokens · 1.3 s · first token 0.42 s · ≈ ¥0.000344",
    );
  });

  it("writes costs readably", () => {
    expect(formatCost({ amount: 0, currency: "USD" })).toBe("free");
    expect(formatCost({ amount: 0.0000000001, currency: "USD" })).toBe("< $0.000001");
    expect(formatCost({ amount: 0.0000136, currency: "USD" })).toBe("≈ $0.000014");
    expect(formatCost({ amount: 1.5, currency: "USD" })).toBe("≈ $1.5");
    expect(formatCost({ amount: 12, currency: "CNY" })).toBe("≈ ¥12");
    expect(formatCost({ amount: 0.0000057000000000000005, currency: "USD" })).toBe("≈ $0.000006");
  });

  it("rounds the float noise out of a cost for JSON, to 4 significant digits", () => {
    expect(roundCost({ amount: 0.0000057000000000000005, currency: "USD" })).toEqual({
      amount: 0.0000057,
      currency: "USD",
    });
    expect(roundCost({ amount: 0.1 + 0.2, currency: "CNY" }).amount).toBe(0.3);
    expect(roundCost({ amount: 0.000123456, currency: "USD" }).amount).toBe(0.0001235);
  });
});

describe("download progress bar", () => {
  it("shows percent, sizes, speed and ETA", () => {
    const megabyte = 1_000_000;
    expect(
      formatProgressBar(
        {
          downloadedBytes: 160 * megabyte,
          totalBytes: 400 * megabyte,
          bytesPerSecond: 8 * megabyte,
          etaSeconds: 30,
        },
        10,
      ),
    ).toBe("[####------]   40%  160 MB / 400 MB  8.0 MB/s  ETA 30 s");
    expect(
      formatProgressBar(
        { fraction: 0.5, message: "200 MB of 400 MB at 8 MB/s", etaSeconds: 95 },
        4,
      ),
    ).toBe("[##--]   50%  200 MB of 400 MB at 8 MB/s  ETA 1 min 35 s");
  });
});
