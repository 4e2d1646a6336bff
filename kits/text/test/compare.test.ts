import { type FakeServer, startFakeOllama, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAIEnv, processTimeout, runCli } from "./run-cli.js";

let ollama: FakeServer;
const fakes: FakeServer[] = [];
async function fakeOpenAI() {
  const server = await startFakeOpenAI();
  fakes.push(server);
  return server;
}
beforeAll(async () => {
  ollama = await startFakeOllama();
});
afterAll(() => Promise.all([ollama, ...fakes].map((server) => server.close())));

const prompt = "用一句话解释量子计算";

describe.concurrent("compare", { timeout: processTimeout }, () => {
  it("asks several models at once and lines their answers up in a table", async () => {
    const openai = await fakeOpenAI();
    const result = await runCli(
      ["compare", prompt, "--models", "openai:gpt-4o-mini,ollama:qwen2.5:0.5b"],
      { env: { ...openAIEnv(openai.url), OLLAMA_HOST: ollama.origin } },
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^model\s+│ answer\s+│ latency │ tokens in\/out │ cost/);
    expect(lines[2]).toMatch(
      new RegExp(`^openai:gpt-4o-mini\\s+│ Echo: ${prompt}\\s+│ +[\\d.]+ s │ +\\d+/\\d+ │ ≈ \\$`),
    );
    expect(lines[3]).toMatch(
      new RegExp(`^ollama:qwen2\\.5:0\\.5b\\s+│ Echo: ${prompt}\\s+│ .* │ free`),
    );
    expect(lines).toHaveLength(4);
    expect(result.stderr).toContain("asking 2 models at once");
  });

  it("shows a failing model's error in its row and carries on with the others (--json)", async () => {
    const openai = await fakeOpenAI();
    openai.inject({
      status: 429,
      headers: { "retry-after-ms": "20" },
      times: Number.POSITIVE_INFINITY,
    });
    const result = await runCli(
      ["compare", prompt, "-m", "openai:gpt-4o-mini", "-m", "ollama:qwen2.5:0.5b", "--json"],
      { env: { ...openAIEnv(openai.url), OLLAMA_HOST: ollama.origin } },
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.prompt).toBe(prompt);
    const rows = output.answers;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      model: "openai:gpt-4o-mini",
      error: expect.stringMatching(/^openai returned HTTP 429/),
    });
    expect(rows[1]).toMatchObject({
      model: "ollama:qwen2.5:0.5b",
      text: `Echo: ${prompt}`,
      provider: "ollama",
    });
    expect(result.stderr).toMatch(/^retrying in 0\.02 s: rate limited \(openai:gpt-4o-mini\)$/m);
  });

  it("fails (exit 1) only when every model fails, each with its own error", async () => {
    const result = await runCli(
      [
        "compare",
        "hi",
        "--models",
        "openai:gpt-4o-mini,deepseek:deepseek-chat,ollama:qwen2.5:0.5b",
      ],
      { env: { OLLAMA_HOST: "http://127.0.0.1:9" } },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("error: openai needs an API key: set OPENAI_API_KEY");
    expect(result.stdout).toContain("error: deepseek needs an API key: set DEEPSEEK_API_KEY");
    expect(result.stdout).toMatch(/error: Could not reach ollama/);
  });

  it("prints one JSON object with the prompt and each model's answer, costs without float noise", async () => {
    const openai = await fakeOpenAI();
    const result = await runCli(
      ["compare", "--json", "--models", "openai:gpt-4o-mini,ollama:qwen2.5:0.5b"],
      { env: { ...openAIEnv(openai.url), OLLAMA_HOST: ollama.origin }, input: `${prompt}\n` },
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toEqual({
      prompt, // read from stdin, without its final newline
      answers: [
        expect.objectContaining({ model: "openai:gpt-4o-mini", text: `Echo: ${prompt}` }),
        expect.objectContaining({
          model: "ollama:qwen2.5:0.5b",
          cost: { amount: 0, currency: "USD" },
        }),
      ],
    });
    const { amount } = output.answers[0].cost;
    expect(amount).toBeGreaterThan(0);
    expect(amount).toBe(Number(amount.toPrecision(4)));
    expect(result.stdout).not.toMatch(/\d{10}/); // no 0.0000057000000000000005
  });

  it("takes negative numbers as values and says the range they must be in (exit 2)", async () => {
    const result = await runCli([
      "compare",
      "hi",
      "-m",
      "openai:gpt-4o-mini",
      "--temperature",
      "-1",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --temperature takes a number from 0 to 2, not "-1"\n');
  });

  it("wants at least one model (exit 2)", async () => {
    const result = await runCli(["compare", "hi"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: name the models/);
  });
});
