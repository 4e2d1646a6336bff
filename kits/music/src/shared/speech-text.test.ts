import { describe, expect, it } from "vitest";
import { speechStem } from "./output-names.js";
import { plainText } from "./speech-text.js";

describe("plainText", () => {
  it("drops Markdown marks, code blocks, pictures and link targets, keeping the words", () => {
    const markdown = [
      "# 第一章",
      "",
      "> A **bold** and _quiet_ `start`.",
      "- one [link](https://example.com)",
      "1. two ![a picture](cat.png)",
      "```",
      "const x = 1;",
      "```",
    ].join("\n");
    expect(plainText(markdown).trim()).toBe("第一章\n\nA bold and quiet start.\none link\ntwo");
  });
});

describe("speechStem", () => {
  it("names a file after the date and the first words, CJK kept as it is", () => {
    const date = new Date(2026, 0, 31);
    expect(speechStem("Hello, world! How are you?", date)).toBe(
      "speech-2026-01-31-hello-world-how-are-you",
    );
    expect(speechStem("欢迎来到生成式 AI 的世界", date)).toBe(
      "speech-2026-01-31-欢迎来到生成式-ai-的世界",
    );
    expect(speechStem("!!!", date)).toBe("speech-2026-01-31-audio");
  });
});
