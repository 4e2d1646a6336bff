import { describeTextConformance, startFakeOllama } from "@path/testing";
import { describe, expect, it } from "vitest";
import { ApiCallError, ConnectionError } from "../../errors.js";
import { generateText } from "../../text/generate-text.js";
import { createOllama } from "./ollama-provider.js";

describeTextConformance("ollama", { echoesPrompt: true }, async () => {
  const server = await startFakeOllama();
  const provider = createOllama({ host: server.url });
  return {
    server,
    textModel: provider.textModel!("qwen2.5:0.5b"),
    embeddingModel: provider.embeddingModel!("nomic-embed-text"),
    close: () => server.close(),
  };
});

describe("ollama adapter", () => {
  it("says how to pull a model the server does not have", async () => {
    const server = await startFakeOllama();
    const provider = createOllama({ host: server.url });
    const error = await generateText({
      model: provider.textModel!("llama3.2"),
      prompt: "hi",
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.message).toContain("ollama pull llama3.2");
    await server.close();
  });

  it("says how to start Ollama when nothing answers", async () => {
    const provider = createOllama({ host: "http://127.0.0.1:9" });
    const error = await generateText({
      model: provider.textModel!("qwen2.5:0.5b"),
      prompt: "hi",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/ollama serve|OLLAMA_HOST/);
  });

  it("sends options and the schema as Ollama expects", async () => {
    const server = await startFakeOllama();
    const provider = createOllama({ host: server.url });
    const schema = { type: "object", properties: { n: { type: "integer" } }, required: ["n"] };
    await generateText({
      model: provider.textModel!("qwen2.5:0.5b"),
      prompt: "n?",
      temperature: 0,
      seed: 3,
      schema,
    });
    expect(server.requests[0]!.body).toMatchObject({
      model: "qwen2.5:0.5b",
      stream: false,
      format: schema,
      options: { temperature: 0, seed: 3 },
    });
    expect(await provider.listModels!()).toContain("qwen2.5:0.5b");
    await server.close();
  });
});
