import { describeTextConformance, startFakeOpenAI } from "@path/testing";
import { describe, expect, it } from "vitest";
import type { TextModel } from "../../spec/index.js";
import { generateText } from "../../text/generate-text.js";
import { streamText } from "../../text/stream-text.js";
import { createOpenAICompatible } from "./openai-provider.js";
import { openAICompatiblePresets } from "./presets.js";

const preset = (id: string) => openAICompatiblePresets.find((candidate) => candidate.id === id)!;

describeTextConformance("openai", { echoesPrompt: true }, async () => {
  const server = await startFakeOpenAI();
  const provider = createOpenAICompatible(preset("openai"), {
    apiKey: "sk-test-conformance",
    baseURL: server.url,
  });
  return {
    server,
    textModel: provider.textModel!("gpt-4o-mini"),
    embeddingModel: provider.embeddingModel!("text-embedding-3-small"),
    close: () => server.close(),
  };
});

describeTextConformance(
  "deepseek (an OpenAI-compatible preset)",
  { echoesPrompt: true, unsupportedSetting: { name: "seed", value: 42 }, embeddings: false },
  async () => {
    const server = await startFakeOpenAI({ models: ["deepseek-chat"] });
    const provider = createOpenAICompatible(preset("deepseek"), {
      apiKey: "sk-test-deepseek",
      baseURL: server.url,
    });
    return {
      server,
      textModel: provider.textModel!("deepseek-chat"),
      close: () => server.close(),
    };
  },
);

describe("openai adapter on the wire", () => {
  it("sends the request the OpenAI API expects, with the key only in the header", async () => {
    const server = await startFakeOpenAI();
    const provider = createOpenAICompatible(preset("openai"), {
      apiKey: "sk-test-wire",
      baseURL: server.url,
    });
    const result = await generateText({
      model: provider.textModel!("gpt-4o-mini"),
      system: "be brief",
      prompt: "你好",
      temperature: 0.2,
      maxOutputTokens: 50,
      schema: { type: "object", properties: { reply: { type: "string" } }, required: ["reply"] },
    });
    expect(typeof (result.object as { reply: string }).reply).toBe("string");
    const request = server.requests[0]!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test-wire");
    expect(request.headers["x-stainless-retry-count"]).toBe("0");
    expect(request.body).toMatchObject({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "你好" },
      ],
      temperature: 0.2,
      max_tokens: 50,
      response_format: { type: "json_schema", json_schema: { name: "response" } },
    });
    await server.close();
  });

  it("puts the schema in the prompt for vendors with only JSON mode", async () => {
    const server = await startFakeOpenAI({ models: ["deepseek-chat"] });
    const provider = createOpenAICompatible(preset("deepseek"), {
      apiKey: "sk-test-json",
      baseURL: server.url,
    });
    const schema = { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] };
    const result = await generateText({
      model: provider.textModel!("deepseek-chat"),
      prompt: "ok?",
      schema,
    });
    expect((result.object as { ok: boolean }).ok).toBe(true);
    const body = server.requests[0]!.body as {
      response_format: unknown;
      messages: { content: string }[];
    };
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.messages[0]!.content).toContain('"ok"');
    await server.close();
  });

  it("retries once with the validation error, then fails with the raw text", async () => {
    const server = await startFakeOpenAI();
    const provider = createOpenAICompatible(preset("openai"), {
      apiKey: "sk-test-schema",
      baseURL: server.url,
    });
    server.inject({ reply: '{"wrong": 1}', times: 2 });
    const schema = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };
    const error = await generateText({
      model: provider.textModel!("gpt-4o-mini"),
      prompt: "name?",
      schema,
    }).catch((caught) => caught);
    expect(error.code).toBe("schema-mismatch");
    expect(error.rawText).toBe('{"wrong": 1}');
    expect(server.requests).toHaveLength(2);
    const retry = server.requests[1]!.body as { messages: { role: string; content: string }[] };
    expect(retry.messages.at(-1)!.content).toMatch(/did not match the required JSON schema/);
    await server.close();
  });

  it("never shows a wrong key in the error", async () => {
    const server = await startFakeOpenAI({ apiKey: "sk-right-key-000000" });
    const provider = createOpenAICompatible(preset("openai"), {
      apiKey: "sk-wrong-key-1234567890",
      baseURL: server.url,
    });
    const error = await generateText({
      model: provider.textModel!("gpt-4o-mini"),
      prompt: "hi",
    }).catch((caught) => caught);
    expect(error.status).toBe(401);
    expect(`${error.message} ${error.responseBody}`).not.toContain("sk-wrong-key-1234567890");
    await server.close();
  });
});

describe("openai adapter against a wrong base URL (a web page answering 200)", () => {
  const ask = {
    whole: (model: TextModel) => generateText({ model, prompt: "hi" }),
    streamed: (model: TextModel) => streamText({ model, prompt: "hi" }).final,
  };
  for (const [mode, call] of Object.entries(ask)) {
    it(`explains the HTML page when the answer is asked for ${mode}`, async () => {
      const server = await startFakeOpenAI();
      server.inject({
        status: 200,
        body: "<!doctype html><html>Welcome</html>",
        contentType: "text/html",
      });
      const provider = createOpenAICompatible(preset("openai"), {
        apiKey: "sk-test-html",
        baseURL: server.url,
      });
      const error = await call(provider.textModel!("gpt-4o-mini")).catch((caught) => caught);
      expect(error.code).toBe("invalid-response");
      expect(error.message).toMatch(/HTML page.*base URL/);
      await server.close();
    });
  }
});
