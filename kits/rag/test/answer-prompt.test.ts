import { describe, expect, it } from "vitest";
import { answerPrompt } from "../src/answer/answer-prompt.js";
import { contextTokensFor, defaultContextTokens } from "../src/answer/context-window.js";
import { isChinese, notInNotes } from "../src/answer/language.js";
import type { Passage } from "../src/index/search.js";

function passage(i: number, words: number): Passage {
  return {
    id: `p${i}`,
    path: `notes/${i}.md`,
    lineStart: i,
    lineEnd: i + 2,
    headings: [],
    score: 1 / i,
    text: `passage ${i} ${"word ".repeat(words)}`.trim(),
  };
}

describe("answerPrompt", () => {
  it("numbers every passage in rank order when they fit, with file and lines", () => {
    const prompt = answerPrompt("What?", [passage(1, 10), passage(2, 10)], { contextTokens: 4096 });
    expect(prompt.sources.map((source) => source.n)).toEqual([1, 2]);
    expect(prompt.trimmed).toBeUndefined();
    expect(prompt.messages[1]?.content).toContain(
      '<passage n="2" source="notes/2.md:2-4">\npassage 2 word',
    );
  });

  it("leaves out the passages that do not fit the context, and says how many", () => {
    const passages = [1, 2, 3, 4, 5].map((i) => passage(i, 200));
    const prompt = answerPrompt("What?", passages, { contextTokens: 1024 });
    expect(prompt.sources.length).toBeGreaterThan(0);
    expect(prompt.sources.length).toBeLessThan(5);
    expect(prompt.trimmed).toBe(
      `${5 - prompt.sources.length} of 5 passages left out to fit the model's context of 1024 tokens`,
    );
  });

  it("cuts the first passage short when even it does not fit", () => {
    const prompt = answerPrompt("What?", [passage(1, 3000)], { contextTokens: 1024 });
    expect(prompt.sources).toHaveLength(1);
    expect(prompt.sources[0]?.text.endsWith("…")).toBe(true);
    expect(prompt.trimmed).toMatch(/the first passage cut short/);
  });

  it("answers a Chinese question in Chinese and anything else in the question's language", () => {
    expect(isChinese("LoRA 的秩怎么选？")).toBe(true);
    expect(isChinese("ランクはどう選ぶ？")).toBe(false);
    expect(notInNotes("秩？")).toMatch(/^笔记中没有/);
    const zh = answerPrompt("秩怎么选？", [passage(1, 5)], { contextTokens: 4096 });
    expect(zh.messages[0]?.content).toMatch(/Answer in Chinese \(简体中文\)/);
    const en = answerPrompt("Which rank?", [passage(1, 5)], { contextTokens: 4096 });
    expect(en.messages[0]?.content).toMatch(/Answer in the language of the question/);
  });
});

describe("contextTokensFor", () => {
  it("knows common models and falls back for the rest", () => {
    expect(contextTokensFor("gpt-4o-mini")).toBe(128_000);
    expect(contextTokensFor("deepseek-chat")).toBe(64_000);
    expect(contextTokensFor("Qwen/Qwen2.5-7B-Instruct")).toBe(32_000);
    expect(contextTokensFor("some-local.gguf")).toBe(defaultContextTokens);
  });
});
