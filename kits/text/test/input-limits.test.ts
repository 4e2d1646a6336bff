import { type FakeServer, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAIEnv, processTimeout, runCli } from "./run-cli.js";

let openai: FakeServer;
beforeAll(async () => {
  openai = await startFakeOpenAI();
});
afterAll(() => openai.close());

const model = ["--model", "openai:gpt-4o-mini"];
// About 12 tokens by core's estimate: over a limit of 5, well under one of 100.
const prompt = "Explain in detail how a transformer reads a sentence";

describe.concurrent("prompt size limit", { timeout: processTimeout }, () => {
  it("refuses an over-long prompt with exit 2 in ask and in chat alike, saying how to raise the limit", async () => {
    const env = openAIEnv(openai.url);
    const [ask, chat] = await Promise.all([
      runCli(["ask", ...model, "--max-input-tokens", "5", prompt], { env }),
      runCli(["chat", ...model, "--max-input-tokens", "5"], { env, input: `${prompt}\n` }),
    ]);
    for (const result of [ask, chat]) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^error: The prompt is about \d+ tokens .* the limit is 5\./m);
      expect(result.stderr).toContain("--max-input-tokens");
      expect(result.stderr).not.toContain("rag kit");
    }
  });

  it("sends a prompt that fits a raised limit", async () => {
    const result = await runCli(["ask", ...model, "--max-input-tokens", "100", prompt], {
      env: openAIEnv(openai.url),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Echo: ${prompt}\n`);
  });

  it("says the range of a limit out of range, and reads a negative one as a value (exit 2)", async () => {
    const result = await runCli(["ask", ...model, "--max-input-tokens", "-3", prompt]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: --max-input-tokens takes a whole number from 1 to 10000000, not "-3"\n',
    );
  });

  it("suggests the flag meant by a typo (exit 2)", async () => {
    const result = await runCli(["ask", ...model, "--max-input-token", "9", prompt]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: unknown option --max-input-token; did you mean --max-input-tokens? (see --help)\n",
    );
  });
});
