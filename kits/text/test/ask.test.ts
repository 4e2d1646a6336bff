import { type FakeServer, startFakeOllama, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAIEnv, processTimeout, runCli } from "./run-cli.js";

let openai: FakeServer;
let ollama: FakeServer;
beforeAll(async () => {
  [openai, ollama] = await Promise.all([startFakeOpenAI(), startFakeOllama()]);
});
afterAll(() => Promise.all([openai.close(), ollama.close()]));

const question = "用三句话解释什么是生成式 AI";

describe.concurrent("ask", { timeout: processTimeout }, () => {
  it("streams the answer to a Chinese prompt and prints a summary line", async () => {
    const result = await runCli(["ask", "--model", "openai:gpt-4o-mini", question], {
      env: openAIEnv(openai.url),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Echo: ${question}\n`);
    expect(result.stderr).toMatch(
      /^openai:gpt-4o-mini · \d+ in \/ \d+ out tokens · [\d.]+ s · first token [\d.]+ s · ≈ \$0\.0000\d+\n$/,
    );
    const request = openai.requests.find((entry) => JSON.stringify(entry.body).includes(question));
    expect(request?.body).toMatchObject({ stream: true, model: "gpt-4o-mini" });
  });

  it("reads the prompt from stdin without its final newline and prints one JSON object with --json", async () => {
    const result = await runCli(["ask", "--json", "--temperature", "0", "--max-tokens", "50"], {
      env: { ...openAIEnv(openai.url), GENAI_TEXT_MODEL: "openai:gpt-4o-mini" },
      input: "What is a token?\n",
    });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      text: "Echo: What is a token?",
      provider: "openai",
      modelId: "gpt-4o-mini",
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      cost: { currency: "USD" },
      durationMs: expect.any(Number),
      finishReason: "stop",
    });
    const request = openai.requests.find((entry) =>
      JSON.stringify(entry.body).includes("What is a token?"),
    );
    expect(request?.body).toMatchObject({
      temperature: 0,
      max_tokens: 50,
      messages: [{ role: "user", content: "What is a token?" }],
    });
  });

  it("uses the first configured provider when no model is named (Ollama here), free of charge", async () => {
    const result = await runCli(["ask", "--system", "answer briefly", "hello ollama"], {
      env: { OLLAMA_HOST: ollama.origin },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Echo: hello ollama\n");
    expect(result.stderr).toMatch(/^ollama:qwen2\.5:0\.5b · .* · free\n$/);
  });

  it("explains itself with --help, and lists the quests", async () => {
    const [quest, kit] = await Promise.all([runCli(["ask", "--help"]), runCli(["--help"])]);
    expect(quest.code).toBe(0);
    expect(quest.stdout).toContain("--model <provider:model>");
    expect(kit.code).toBe(0);
    expect(kit.stdout).toMatch(/ask[\s\S]*prompt[\s\S]*chat[\s\S]*compare[\s\S]*json/);
  });
});
