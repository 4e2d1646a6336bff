import { displayWidth, formatProgressBar } from "@path/kit-cli";
import { describe, expect, it } from "vitest";
import { fit, renderTable } from "../src/compare-table.js";
import { formatCost, formatSummary } from "../src/shared/summary.js";

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

describe("compare table", () => {
  it("counts a Chinese character as two columns", () => {
    expect(displayWidth("AI 生成")).toBe(7);
    expect(fit("生成式人工智能", 9, true)).toEqual(["生成式人…"]);
    expect(fit("生成式人工智能", 6, false)).toEqual(["生成式", "人工智", "能"]);
  });

  it("lines columns up with CJK answers and wraps with full", () => {
    const table = renderTable(
      [{ title: "model" }, { title: "answer", flexible: true }, { title: "s", alignRight: true }],
      [
        ["a", "生成式 AI", "1"],
        ["bb", "short", "10"],
      ],
      { totalWidth: 80, full: false },
    );
    expect(table).toBe(
      [
        "model │ answer    │  s",
        "──────┼───────────┼───",
        "a     │ 生成式 AI │  1",
        "bb    │ short     │ 10",
        "",
      ].join("\n"),
    );
  });
});
