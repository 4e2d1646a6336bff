import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { FindingList } from "../src/check/findings.js";
import { NearDuplicateFinder, normalisedText } from "../src/check/near-duplicates.js";
import { tokenStats } from "../src/check/token-stats.js";
import { estimateTrainingCost } from "../src/cost/training-cost.js";
import { trainingPricePerMillion } from "../src/cost/training-price.js";

const tempDir = useTempDir("finetune-check-");

describe("normalisedText", () => {
  it("folds case, full-width forms, punctuation and spaces, in English and 中文", () => {
    expect(normalisedText("  Hello,   WORLD!! ")).toBe("hello world");
    expect(normalisedText("退货政策：３０天。")).toBe(normalisedText("退货政策:30天"));
  });
});

describe("NearDuplicateFinder", () => {
  const zh = "请问退货需要多少天才能退款到原来的支付账户里面呢？我上周买的耳机有问题";
  const en =
    "How many days does a refund take to reach the original payment account after I send it back?";

  it("finds a 中文 text with one character changed, naming the earlier line", () => {
    const finder = new NearDuplicateFinder();
    expect(finder.add(1, normalisedText(zh))).toBeUndefined();
    expect(finder.add(2, normalisedText(en))).toBeUndefined();
    expect(finder.add(3, normalisedText(zh.replace("耳机", "耳麦")))).toBe(1);
    expect(finder.add(4, normalisedText(en.replace("days", "weeks")))).toBe(2);
  });

  it("does not flag texts that only share a topic", () => {
    const finder = new NearDuplicateFinder();
    const texts = [
      "退货需要多少天？",
      "发票怎么开？可以开增值税专用发票吗",
      "How do I reset my password?",
      "Which countries do you ship to, and how long does it take?",
      "会员积分可以换什么礼品",
    ];
    texts.forEach((text, i) => {
      expect(finder.add(i + 1, normalisedText(text))).toBeUndefined();
    });
  });
});

describe("FindingList", () => {
  it("counts every finding but keeps only the first 20 lines of each kind", () => {
    const list = new FindingList();
    for (let line = 1; line <= 25; line++) list.add("train.jsonl", "empty-turn", line);
    list.add("train.jsonl", "duplicate", 30, "line 3");
    const [empty, duplicate] = list.all();
    expect(empty?.count).toBe(25);
    expect(empty?.lines).toHaveLength(20);
    expect(empty?.lines.at(-1)).toEqual({ line: 20 });
    expect(duplicate).toMatchObject({
      severity: "warning",
      lines: [{ line: 30, detail: "line 3" }],
    });
    expect(list.errors).toBe(25);
  });
});

describe("tokenStats", () => {
  it("gives total, min, median, p95, max and a histogram in doubling bins", () => {
    const counts = Uint32Array.from({ length: 100 }, (_, i) => (i + 1) * 10);
    const stats = tokenStats(counts);
    expect(stats).toMatchObject({ total: 50_500, min: 10, median: 510, p95: 960, max: 1000 });
    expect(stats.histogram.map((bin) => bin.examples)).toEqual([6, 6, 13, 26, 49]);
    expect(stats.histogram.at(-1)?.upTo).toBe(1024);
  });

  it("sorts by number, not as text", () => {
    expect(tokenStats(Uint32Array.from([9, 100, 20])).median).toBe(20);
  });
});

describe("training price", () => {
  it("finds dated snapshots by prefix and knows only OpenAI's prices", () => {
    expect(trainingPricePerMillion("openai:gpt-4.1-mini-2025-04-14")).toBe(5);
    expect(trainingPricePerMillion("gpt-4o-mini")).toBe(3);
    expect(trainingPricePerMillion("openai:gpt-4.1")).toBe(25);
    expect(trainingPricePerMillion("ollama:qwen2.5")).toBeUndefined();
    expect(trainingPricePerMillion("openai:o3")).toBeUndefined();
  });

  it("multiplies counted tokens by epochs and price, and says when the price is unknown", async () => {
    const file = join(tempDir(), "train.jsonl");
    const example = (q: string, a: string) =>
      JSON.stringify({
        messages: [
          { role: "user", content: q },
          { role: "assistant", content: a },
        ],
      });
    await writeFile(file, `${example("你好", "你好！")}\n${example("Hi", "Hello there")}\n`);
    const known = await estimateTrainingCost({ file, model: "openai:gpt-4.1-mini", epochs: 2 });
    expect(known.examples).toBe(2);
    expect(known.trainedTokens).toBe(known.tokensPerEpoch * 2);
    expect(known.usd).toBeCloseTo((known.trainedTokens / 1e6) * 5, 10);
    expect(known.note).toBeUndefined();

    const unknown = await estimateTrainingCost({ file, model: "local:my-model" });
    expect(unknown.epochs).toBe(3);
    expect(unknown.usd).toBeUndefined();
    expect(unknown.note).toMatch(/3 epochs assumed.*not known/);
  });

  it("names the line of a broken example instead of guessing", async () => {
    const file = join(tempDir(), "broken.jsonl");
    await writeFile(
      file,
      '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"ok"}]}\n{oops\n',
    );
    await expect(estimateTrainingCost({ file, model: "gpt-4.1-mini" })).rejects.toThrow(
      /line 2: not valid JSON/,
    );
  });
});
