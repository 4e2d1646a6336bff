import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runKitCli, useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { exampleTokenLimit } from "../src/check/token-limit.js";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const kit = fileURLToPath(new URL("..", import.meta.url));
const folder = useTempDir("finetune-check-limit-");

const chat = (user: string, assistant: string) =>
  JSON.stringify({
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
  });

describe("exampleTokenLimit", () => {
  it("knows OpenAI's per-example limits by model family and nothing else", () => {
    expect(exampleTokenLimit("openai:gpt-4.1-mini-2025-04-14")).toBe(65_536);
    expect(exampleTokenLimit("gpt-4o-mini")).toBe(65_536);
    expect(exampleTokenLimit("openai:gpt-3.5-turbo-0125")).toBe(16_385);
    expect(exampleTokenLimit("ollama:gpt-4o")).toBeUndefined();
    expect(exampleTokenLimit("openai:o3")).toBeUndefined();
  });
});

describe.concurrent("check --model", { timeout: 90_000 }, () => {
  // Twelve short examples and one of ~20k tokens (中文 and English): over gpt-3.5-turbo's limit only.
  const lines = Array.from({ length: 12 }, (_, i) =>
    chat(`问题 ${i}: question ${i}?`, `答案 ${i}.`),
  );
  lines.push(chat("总结一下", "退货政策 return policy ".repeat(4000)));
  const write = async () => {
    const cwd = folder();
    await writeFile(join(cwd, "train.jsonl"), `${lines.join("\n")}\n`);
    return cwd;
  };

  it("takes the model's limit: the long example passes for gpt-4.1-mini and fails for gpt-3.5-turbo", async () => {
    const cwd = await write();
    const run = (args: string[]) =>
      runKitCli(["check", "train.jsonl", ...args], { entry: cli, cwd: kit, initCwd: cwd });
    const roomy = await run(["--model", "openai:gpt-4.1-mini", "--json"]);
    expect(roomy.code).toBe(0);
    const tokens = JSON.parse(roomy.stdout).files[0].tokens.max;
    expect(tokens).toBeGreaterThan(16_385);
    expect(tokens).toBeLessThan(65_536);

    const tight = await run(["--model", "openai:gpt-3.5-turbo", "--json"]);
    expect(tight.code).toBe(1);
    expect(JSON.parse(tight.stdout).findings).toContainEqual(
      expect.objectContaining({
        kind: "over-token-limit",
        lines: [{ line: 13, detail: `${tokens} tokens` }],
      }),
    );
  });

  it("asks for --max-tokens when the model's limit is not known, before reading anything", async () => {
    const cwd = await write();
    const result = await runKitCli(["check", "train.jsonl", "--model", "ollama:qwen2.5"], {
      entry: cli,
      cwd: kit,
      initCwd: cwd,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/limit of ollama:qwen2\.5 is not known.*--max-tokens/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const given = await runKitCli(
      ["check", "train.jsonl", "--model", "ollama:qwen2.5", "--max-tokens", "32768"],
      { entry: cli, cwd: kit, initCwd: cwd },
    );
    expect(given.code).toBe(0);
  });
});
