import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "./fake-openai.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "sk-test", models: ["gpt-4o-mini", "emb-small"] });
  client = new OpenAI({ apiKey: "sk-test", baseURL: fake.url, maxRetries: 0 });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const messages = [{ role: "user" as const, content: "你好, world 👋🏽 — tell me a story" }];

async function streamedText(options: Partial<OpenAI.ChatCompletionCreateParamsStreaming> = {}) {
  const stream = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages,
    stream: true,
    ...options,
  });
  const pieces: string[] = [];
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
    pieces.push(chunk.choices[0]?.delta.content ?? "");
  }
  return { text: pieces.join(""), chunks };
}

describe("fake OpenAI with the real openai client", () => {
  it("answers a chat with text that contains the prompt, and logs what the client sent", async () => {
    const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(completion.choices[0]?.message.content).toBe(`Echo: ${messages[0]?.content}`);
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const [request] = fake.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer sk-test");
    expect(request?.headers["user-agent"]).toMatch(/^OpenAI\/JS /);
    expect(request?.body).toEqual({ model: "gpt-4o-mini", messages });
  });

  it("streams the same text it answers without streaming, then a usage chunk on request", async () => {
    const whole = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
    const { text, chunks } = await streamedText({ stream_options: { include_usage: true } });
    expect(text).toBe(whole.choices[0]?.message.content);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toEqual(whole.usage);
    const plain = await streamedText();
    expect(plain.chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it("cuts the reply at max_completion_tokens with finish_reason length", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      max_completion_tokens: 3,
    });
    expect(completion.choices[0]?.finish_reason).toBe("length");
    expect(completion.choices[0]?.message.content).toBe("Echo: 你");
  });

  it("answers JSON that fits a json_schema response_format, unless a reply fault overrides it", async () => {
    const schema = {
      type: "object",
      properties: {
        title: { type: "string" },
        stars: { type: "integer", minimum: 1, maximum: 5 },
        tags: { type: "array", items: { type: "string", enum: ["fun", "sad"] } },
      },
      required: ["title", "stars", "tags"],
      additionalProperties: false,
    };
    const response_format = {
      type: "json_schema" as const,
      json_schema: { name: "review", schema, strict: true },
    };
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      response_format,
    });
    const parsed = JSON.parse(completion.choices[0]?.message.content ?? "");
    expect(parsed).toEqual({ title: expect.stringContaining("你好"), stars: 1, tags: ["fun"] });

    fake.inject({ reply: '{"title": 3}' });
    const broken = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      response_format,
    });
    expect(broken.choices[0]?.message.content).toBe('{"title": 3}');
  });

  it("in json_object mode, follows a schema written in the messages", async () => {
    const schema = { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] };
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: `Answer with JSON matching ${JSON.stringify(schema)}` },
        ...messages,
      ],
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ ok: true });
  });

  it("returns deterministic, normalised embeddings as base64 float32 by default", async () => {
    const input = ["a cat", "a cat", "猫が好き"];
    const viaBase64 = await client.embeddings.create({ model: "emb-small", input });
    const viaFloat = await client.embeddings.create({
      model: "emb-small",
      input,
      encoding_format: "float",
    });
    expect(fake.requests[0]?.body).toMatchObject({ encoding_format: "base64" });
    const vectors = viaBase64.data.map((item) => item.embedding);
    expect(vectors.map((vector) => vector.length)).toEqual([8, 8, 8]);
    expect(viaFloat.data.map((item) => item.embedding)).toEqual(vectors);
    expect(vectors[0]).toEqual(vectors[1]);
    expect(vectors[0]).not.toEqual(vectors[2]);
    expect(Math.hypot(...(vectors[0] ?? []))).toBeCloseTo(1, 5);
    const sized = await client.embeddings.create({ model: "emb-small", input: "x", dimensions: 3 });
    expect(sized.data[0]?.embedding).toHaveLength(3);
  });

  it("lists models", async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toEqual(["gpt-4o-mini", "emb-small"]);
    expect(await client.models.retrieve("emb-small")).toMatchObject({ id: "emb-small" });
    await expect(client.models.retrieve("nope")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("retries a 429 carrying retry-after-ms, then succeeds", async () => {
    fake.inject({ status: 429, headers: { "retry-after-ms": "1" }, times: 2 });
    const retrying = client.withOptions({ maxRetries: 2 });
    const completion = await retrying.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(completion.choices[0]?.message.content).toContain("你好");
    expect(fake.requests.map((request) => request.headers["x-stainless-retry-count"])).toEqual([
      "0",
      "1",
      "2",
    ]);
  });

  it("maps statuses to the client's error classes with the OpenAI envelope", async () => {
    fake.inject({ status: 429 });
    const limited = client.chat.completions.create({ model: "gpt-4o-mini", messages });
    await expect(limited).rejects.toBeInstanceOf(OpenAI.RateLimitError);

    const wrongKey = new OpenAI({ apiKey: "sk-wrong", baseURL: fake.url, maxRetries: 0 });
    const denied = await wrongKey.models.list().catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(denied).toMatchObject({ status: 401, code: "invalid_api_key" });
    expect((denied as InstanceType<typeof OpenAI.APIError>).requestID).toMatch(/^req_/);

    const missing = await client.chat.completions
      .create({ model: "gpt-5-imaginary", messages })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing).toMatchObject({ code: "model_not_found" });
  });

  it("passes an HTML body through as a string, which the client does not reject", async () => {
    fake.inject({ status: 200, body: "<html>captive portal</html>", contentType: "text/html" });
    const result: unknown = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
    });
    expect(result).toBe("<html>captive portal</html>");
    fake.inject({ status: 502, body: "<html>bad gateway</html>", contentType: "text/html" });
    const failed = client.chat.completions.create({ model: "gpt-4o-mini", messages });
    await expect(failed).rejects.toThrow("502 <html>bad gateway</html>");
  });

  it("sends truncated JSON on a malformedJson fault", async () => {
    fake.inject({ malformedJson: true });
    const result = client.chat.completions.create({ model: "gpt-4o-mini", messages });
    await expect(result).rejects.toThrow(/JSON/);
  });

  it("cuts a stream mid-way so iteration rejects after some chunks", async () => {
    fake.inject({ cutStreamAfter: 2 });
    const received: string[] = [];
    const iterate = async () => {
      const stream = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages,
        stream: true,
      });
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
    };
    await expect(iterate()).rejects.toThrow();
    expect(received).toHaveLength(2);
    expect(fake.abortedRequests).toBe(0);
  });

  it("hangs until the client aborts, and counts the abort", async () => {
    fake.inject({ hang: true });
    const controller = new AbortController();
    const pending = client.chat.completions.create(
      { model: "gpt-4o-mini", messages },
      { signal: controller.signal },
    );
    await fake.waitUntil(() => fake.requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
    await fake.waitUntil(() => fake.abortedRequests === 1);
  });

  it("stops writing a slow stream when the client breaks out", async () => {
    fake.inject({ frameDelayMs: 20 });
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      stream: true,
    });
    for await (const _chunk of stream) break;
    await fake.waitUntil(() => fake.abortedRequests === 1);
  });

  it("delays answers on a latency fault, so client timeouts fire", async () => {
    // An answer a minute away: only the client's 50 ms timeout can end the call.
    fake.inject({ latencyMs: 60_000 });
    const slow = client.chat.completions.create(
      { model: "gpt-4o-mini", messages },
      { timeout: 50 },
    );
    await expect(slow).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });
});
