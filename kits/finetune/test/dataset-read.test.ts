import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { countExampleTokens } from "../src/dataset/count-tokens.js";
import { type ChatLine, readChatJsonl } from "../src/dataset/read-chat-jsonl.js";

const tempDir = useTempDir("finetune-dataset-");

describe("readChatJsonl", () => {
  it("yields examples and per-line errors with line numbers", async () => {
    const path = join(tempDir(), "train.jsonl");
    const good = {
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello" },
      ],
    };
    await writeFile(
      path,
      [
        JSON.stringify(good),
        "{not json",
        "",
        JSON.stringify({ messages: [{ role: "bot", content: "x" }] }),
      ].join("\n"),
    );
    const lines: ChatLine[] = [];
    for await (const line of readChatJsonl(path)) lines.push(line);
    expect(lines).toEqual([
      { line: 1, example: good },
      { line: 2, error: "not valid JSON" },
      { line: 4, error: 'message 1 has role "bot" (use system, user or assistant)' },
    ]);
  });
});

describe("countExampleTokens", () => {
  it("counts more tokens for a longer example, including chat framing", () => {
    const short = { messages: [{ role: "user" as const, content: "hi" }] };
    const long = { messages: [{ role: "user" as const, content: "hi there, how are you today?" }] };
    expect(countExampleTokens(short)).toBeGreaterThan(1);
    expect(countExampleTokens(long)).toBeGreaterThan(countExampleTokens(short));
  });
});
