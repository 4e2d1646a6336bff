import {
  InferenceClient,
  InferenceClientProviderApiError,
  setLogger,
} from "@huggingface/inference";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeHuggingFace, startFakeHuggingFace } from "./fake-hf.js";

let fake: FakeHuggingFace;
let client: InferenceClient;

beforeAll(async () => {
  const quiet = () => {};
  setLogger({ debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet });
  fake = await startFakeHuggingFace({ token: "hf_test" });
  client = new InferenceClient("hf_test", { fetch: fake.fetch, retry_on_error: false });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const model = "Qwen/Qwen2.5-7B-Instruct";
const messages = [{ role: "user", content: "Bonjour, 世界! Count to three." }];

describe("fake Hugging Face with the real @huggingface/inference client", () => {
  it("answers chatCompletion through the auto-router, with the fields the client validates", async () => {
    const output = await client.chatCompletion({ model, messages, max_tokens: 100 });
    expect(output.choices[0]?.message.content).toBe(`Echo: ${messages[0]?.content}`);
    expect(output).toMatchObject({ id: expect.any(String), model, created: expect.any(Number) });
    expect(output.usage.total_tokens).toBeGreaterThan(0);
    const [request] = fake.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer hf_test");
    expect(request?.headers["user-agent"]).toMatch(/^@huggingface\/inference\//);
    expect(request?.body).toEqual({ model, messages, max_tokens: 100 });
  });

  it("streams SSE chunks whose text joins to the non-streamed answer", async () => {
    const whole = await client.chatCompletion({ model, messages });
    const pieces: string[] = [];
    for await (const chunk of client.chatCompletionStream({ model, messages })) {
      pieces.push(chunk.choices[0]?.delta.content ?? "");
    }
    expect(pieces.join("")).toBe(whole.choices[0]?.message.content);
    expect(fake.requests.at(-1)?.body).toMatchObject({ stream: true });
  });

  it("answers JSON for an OpenAI-style response_format", async () => {
    const output = await client.chatCompletion({
      model,
      messages,
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "count",
          schema: {
            type: "object",
            properties: { numbers: { type: "array", items: { type: "number" } } },
          },
        },
      },
    });
    expect(JSON.parse(output.choices[0]?.message.content ?? "")).toEqual({ numbers: [1] });
  });

  it("resolves featureExtraction through the Hub mapping to the hf-inference pipeline", async () => {
    const vectors = await client.featureExtraction({
      model: "BAAI/bge-small-en-v1.5",
      inputs: ["a", "b"],
    });
    expect(vectors).toHaveLength(2);
    expect((vectors as number[][])[0]).toHaveLength(8);
    expect(vectors[0]).not.toEqual(vectors[1]);
    const paths = fake.requests.map((request) => request.path);
    expect(paths).toEqual([
      "/api/models/BAAI/bge-small-en-v1.5",
      "/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction",
    ]);
    expect(fake.requests[0]?.query).toEqual({ "expand[]": "inferenceProviderMapping" });
    expect(fake.requests[1]?.body).toEqual({ inputs: ["a", "b"] });
  });

  it("keeps a reply fault for the next chat, past Hub lookups and pipeline calls", async () => {
    fake.inject({ reply: "not json" });
    const vector = await client.featureExtraction({
      model: "intfloat/multilingual-e5-small",
      inputs: "hi",
    });
    expect(vector).toEqual([expect.any(Array)]);
    const output = await client.chatCompletion({ model, messages });
    expect(output.choices[0]?.message.content).toBe("not json");
  });

  it("routes an explicit hf-inference chat to the provider path", async () => {
    const output = await client.chatCompletion({ provider: "hf-inference", model, messages });
    expect(output.choices[0]?.message.content).toContain("世界");
    expect(fake.requests.map((request) => request.path)).toEqual([
      `/api/models/${model}`,
      `/hf-inference/models/${model}/v1/chat/completions`,
    ]);
  });

  it("rejects a wrong token with the HF error body", async () => {
    const wrong = new InferenceClient("hf_wrong", { fetch: fake.fetch, retry_on_error: false });
    const failed = await wrong.chatCompletion({ model, messages }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(InferenceClientProviderApiError);
    expect((failed as Error).message).toContain("Invalid credentials in Authorization header");
    expect((failed as InferenceClientProviderApiError).httpResponse.status).toBe(401);
  });

  it("a 503 fails without retry_on_error, and is retried once with it", async () => {
    fake.inject({ status: 503 });
    await expect(client.chatCompletion({ model, messages })).rejects.toThrow(
      "Service Temporarily Unavailable",
    );
    fake.inject({ status: 503 });
    const retrying = new InferenceClient("hf_test", { fetch: fake.fetch });
    const output = await retrying.chatCompletion({ model, messages });
    expect(output.choices[0]?.message.content).toContain("Bonjour");
    expect(fake.requests).toHaveLength(3);
  });

  it("a cut stream rejects mid-iteration", async () => {
    fake.inject({ cutStreamAfter: 1 });
    const received: unknown[] = [];
    const iterate = async () => {
      for await (const chunk of client.chatCompletionStream({ model, messages }))
        received.push(chunk);
    };
    await expect(iterate()).rejects.toThrow();
    expect(received).toHaveLength(1);
  });

  it("a hung request ends when the caller aborts", async () => {
    fake.inject({ hang: true });
    const controller = new AbortController();
    const pending = client.chatCompletion({ model, messages }, { signal: controller.signal });
    await fake.waitUntil(() => fake.requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await fake.waitUntil(() => fake.abortedRequests === 1);
  });

  it("its fetch refuses URLs that are not local", async () => {
    await expect(fake.fetch("https://example.com/")).rejects.toThrow(/non-local/);
  });
});
