import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import { estimateTokens } from "../tokens.js";
import { toMessages } from "./prompt.js";

describe("toMessages", () => {
  it("puts the system message first", () => {
    expect(toMessages({ prompt: "你好", system: "be brief" })).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "你好" },
    ]);
  });

  it("refuses an empty or blank prompt", () => {
    expect(() => toMessages({ prompt: "   " })).toThrow(InvalidInputError);
    expect(() => toMessages({})).toThrow(/empty/);
    expect(() => toMessages({ messages: [], system: "only a system" })).toThrow(/empty/);
  });

  it("refuses a 2 MB prompt with the numbers and what to do", () => {
    const error = (() => {
      try {
        toMessages({ prompt: "x".repeat(2 * 1024 * 1024) });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error?.message).toMatch(/about 524,288 tokens/);
    expect(error?.message).toMatch(/maxInputTokens/);
  });
});

describe("estimateTokens", () => {
  it("counts CJK characters about one token each", () => {
    expect(estimateTokens("生成式人工智能")).toBe(7);
    expect(estimateTokens("hello world!")).toBe(3);
    expect(estimateTokens("用三句话 explain")).toBe(4 + Math.ceil(8 / 4));
  });
});
