/** The parts of `compare` that need no model: reading the held-out file, scoring, totals, Markdown. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { isExactMatch, normaliseAnswer } from "../src/compare/exact-match.js";
import { readHeldOutExamples } from "../src/compare/held-out-examples.js";
import { answerAFor, conversationText, judgeQuestion } from "../src/compare/judge.js";
import type { ComparisonReport } from "../src/compare/report.js";
import { reportMarkdown } from "../src/compare/report-markdown.js";
import type { ComparisonRow } from "../src/compare/run-comparison.js";
import { comparisonTotals } from "../src/compare/totals.js";

const folder = useTempDir("finetune-compare-units-");

describe("exact match", () => {
  it("ignores case, runs of whitespace and full-width forms, nothing else", () => {
    expect(normaliseAnswer("  Paris\n\tis  the CAPITAL ")).toBe("paris is the capital");
    expect(isExactMatch("ＡＢＣ　１２３", "abc 123")).toBe(true);
    expect(isExactMatch("收货后 30 天内可以退货。", "收货后30天内可以退货。")).toBe(false);
    expect(isExactMatch("Paris.", "Paris")).toBe(false);
  });
});

describe("readHeldOutExamples", () => {
  it("takes the turns before the last answer as the prompt, skipping blank and CRLF line ends", async () => {
    const path = join(folder(), "val.jsonl");
    const conversation = {
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello" },
        { role: "user", content: "and in French?" },
        { role: "assistant", content: "bonjour" },
      ],
    };
    await writeFile(path, `\r\n${JSON.stringify(conversation)}\r\n\r\n`);
    expect(await readHeldOutExamples(path)).toEqual([
      { line: 2, prompt: conversation.messages.slice(0, 3), reference: "bonjour" },
    ]);
  });

  it("says what to do about a missing or empty file", async () => {
    const missing = join(folder(), "nope.jsonl");
    await expect(readHeldOutExamples(missing)).rejects.toThrow(
      `${missing} does not exist; give a chat JSONL file such as data/val.jsonl`,
    );
    const empty = join(folder(), "empty.jsonl");
    await writeFile(empty, "\n\n");
    await expect(readHeldOutExamples(empty)).rejects.toThrow(/has no examples/);
  });

  it("names the first five bad lines and counts the rest", async () => {
    const path = join(folder(), "bad.jsonl");
    await writeFile(path, Array.from({ length: 7 }, () => "[]").join("\n"));
    await expect(readHeldOutExamples(path)).rejects.toThrow(
      /has 7 bad lines: line 1 has no "messages" list; .*line 5 has no "messages" list; and 2 more\./,
    );
  });
});

describe("the judge's question", () => {
  it("takes turns on which model is A and lays out the conversation, reference and answers", () => {
    expect([0, 1, 2, 3].map(answerAFor)).toEqual(["base", "tuned", "base", "tuned"]);
    const conversation = conversationText([
      { role: "system", content: "Be brief." },
      { role: "user", content: "2+2?" },
    ]);
    const question = judgeQuestion(conversation, "4", "four", "5");
    expect(question).toBe(
      "Conversation:\nsystem: Be brief.\nuser: 2+2?\n\nReference answer:\n4\n\nAnswer A:\nfour\n\nAnswer B:\n5",
    );
  });
});

function row(overrides: Partial<ComparisonRow>): ComparisonRow {
  return {
    line: 1,
    prompt: [{ role: "user", content: "q" }],
    reference: "r",
    base: { text: "b", inputTokens: 3, outputTokens: 1, durationMs: 1 },
    tuned: { text: "r", inputTokens: 3, outputTokens: 1, durationMs: 1 },
    exactMatch: { base: false, tuned: true },
    ...overrides,
  };
}

describe("comparisonTotals", () => {
  it("sums a cost only when every call's price is known, in one currency", () => {
    const priced = { amount: 0.000001, currency: "USD" as const };
    const rows = [
      row({ base: { text: "b", inputTokens: 3, outputTokens: 1, durationMs: 1, cost: priced } }),
      row({
        line: 2,
        base: { text: "b", inputTokens: 5, outputTokens: 2, durationMs: 1, cost: priced },
        tuned: { error: "openai returned HTTP 500" },
        exactMatch: { base: false, tuned: false },
      }),
    ];
    const totals = comparisonTotals(rows, false);
    expect(totals.base).toEqual({
      answered: 2,
      failed: 0,
      exactMatches: 0,
      exactMatchRate: 0,
      inputTokens: 8,
      outputTokens: 3,
      cost: { amount: 0.000002, currency: "USD" },
    });
    expect(totals.tuned).toMatchObject({ answered: 1, failed: 1, exactMatchRate: 0.5 });
    expect(totals.tuned.cost).toBeUndefined();
    const mixed = comparisonTotals(
      [row({ base: { text: "b", durationMs: 1, cost: { amount: 1, currency: "CNY" } } }), rows[0]!],
      false,
    );
    expect(mixed.base.cost).toBeUndefined();
  });

  it("counts the judge's verdicts, ties and failures apart", () => {
    const verdict = { reason: "", answerA: "base" as const, inputTokens: 10, outputTokens: 5 };
    const totals = comparisonTotals(
      [
        row({ verdict: { ...verdict, closer: "tuned" } }),
        row({ verdict: { ...verdict, closer: "tie" } }),
        row({ verdict: { error: "the judge failed: HTTP 500" } }),
        row({ verdict: { ...verdict, closer: "base" } }),
      ],
      true,
    );
    expect(totals.judge).toEqual({
      baseWins: 1,
      tunedWins: 1,
      ties: 1,
      failed: 1,
      inputTokens: 30,
      outputTokens: 15,
    });
  });
});

describe("reportMarkdown", () => {
  it("keeps model text from breaking the table or adding HTML", () => {
    const rows = [row({ base: { text: "a | b\n<script>x</script>", durationMs: 1 } })];
    const report: ComparisonReport = {
      file: "val.jsonl",
      createdAt: "2026-12-05T00:00:00.000Z",
      models: { base: "ollama:a", tuned: "ollama:b" },
      sampling: { temperature: 0, seed: 1 },
      examples: 1,
      interrupted: false,
      totals: comparisonTotals(rows, false),
      rows,
    };
    const markdown = reportMarkdown(report);
    expect(markdown).toContain("| a \\| b<br>&lt;script>x&lt;/script> | r |");
    expect(markdown).toContain(
      "| not exact · ? / ? tokens · unknown | exact match · 3 / 1 tokens · unknown |",
    );
  });
});
