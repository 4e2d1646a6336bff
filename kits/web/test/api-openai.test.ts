/**
 * The server's OpenAI-compatible /v1, through the real `openai` client (core's OpenAI adapter
 * pointed at the web server): the whole text conformance suite, against a fake provider behind
 * the server and against the embedded provider on a tiny synthesised model.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenAICompatible, openAICompatiblePresets } from "@path/core";
import { describeTextConformance, makeTinyGguf, startFakeOpenAI } from "@path/testing";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWeb } from "./web-fixture.js";

const openaiPreset = openAICompatiblePresets.find((preset) => preset.id === "openai")!;

// One fake provider behind the web server for the whole file: core keeps a provider once made.
let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  process.env.OPENAI_API_KEY = "sk-behind-the-web-server";
  process.env.OPENAI_BASE_URL = fake.url;
});
afterAll(async () => {
  await fake.close();
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
});

/** Core's OpenAI adapter (the real `openai` client inside) talking to the web server's /v1. */
function throughWeb(url: string) {
  return createOpenAICompatible(openaiPreset, { apiKey: "sk-anything", baseURL: `${url}/v1` });
}

// HTTP faults are not injected (the web server answers a provider's failure in its own words),
// but the fake is named so the abort check holds a request open on it and sees it cancelled.
describeTextConformance(
  "web /v1 → fake OpenAI",
  { echoesPrompt: true, noFakeServer: true },
  async () => {
    const web = await startWeb();
    const provider = throughWeb(web.url);
    return {
      server: fake,
      textModel: provider.textModel!("openai:gpt-4o-mini"),
      embeddingModel: provider.embeddingModel!("openai:text-embedding-3-small"),
      close: () => web.close(),
    };
  },
);

describeTextConformance(
  "web /v1 → the embedded provider (tiny model)",
  { noFakeServer: true, longAnswerTokens: 900 },
  async () => {
    const directory = await mkdtemp(join(tmpdir(), "web-local-"));
    const modelPath = join(directory, "tiny.gguf");
    await makeTinyGguf(modelPath);
    const web = await startWeb();
    const provider = throughWeb(web.url);
    return {
      textModel: provider.textModel!(`local:${modelPath}`),
      embeddingModel: provider.embeddingModel!(`local:${modelPath}`),
      close: async () => {
        await web.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  },
);

describe("web /v1 on the wire", () => {
  let web: Awaited<ReturnType<typeof startWeb>>;
  let client: OpenAI;
  beforeAll(async () => {
    fake.reset();
    web = await startWeb();
    client = new OpenAI({ apiKey: "sk-x", baseURL: `${web.url}/v1`, maxRetries: 0 });
  });
  afterAll(() => web.close());

  it("lists the ready models with provider:model ids", async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain("openai:gpt-4o-mini");
    expect(ids.some((id) => id.startsWith("local:"))).toBe(true);
    expect(ids).not.toContain("deepseek:deepseek-chat"); // no key set for it
  });

  it("streams chunks with [DONE] and usage when asked, the role first", async () => {
    const stream = await client.chat.completions.create({
      model: "openai:gpt-4o-mini",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "你好，流式" },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe("Echo: 你好，流式");
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === "stop")).toBe(true);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
    const forwarded = fake.requests.at(-1)?.body as { model: string; messages: unknown[] };
    expect(forwarded.model).toBe("gpt-4o-mini");
    expect(forwarded.messages[0]).toEqual({ role: "system", content: "be brief" });
  });

  it("answers an unknown provider with OpenAI's error shape and the message that says what to do", async () => {
    const error = await client.chat.completions
      .create({ model: "nosuch:model", messages: [{ role: "user", content: "hi" }] })
      .catch((caught) => caught);
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(error.message).toMatch(/nosuch/);
  });
});
