import { Ollama } from "ollama";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama } from "./fake-ollama.js";
import type { FakeServer } from "./fake-server.js";

let fake: FakeServer;
let ollama: Ollama;

beforeAll(async () => {
  fake = await startFakeOllama();
  ollama = new Ollama({ host: fake.url });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const messages = [{ role: "user", content: "用一句话介绍你自己 please" }];

describe("fake Ollama with the real ollama client", () => {
  it("answers a chat with the prompt echoed, and logs what the client sent", async () => {
    const response = await ollama.chat({ model: "qwen2.5:0.5b", messages });
    expect(response.message).toEqual({
      role: "assistant",
      content: `Echo: ${messages[0]?.content}`,
    });
    expect(response).toMatchObject({ done: true, done_reason: "stop" });
    expect(response.eval_count).toBeGreaterThan(0);
    expect(Number.isInteger(response.total_duration)).toBe(true);
    const [request] = fake.requests;
    expect(request?.path).toBe("/api/chat");
    expect(request?.headers["user-agent"]).toMatch(/^ollama-js\//);
    expect(request?.body).toEqual({ model: "qwen2.5:0.5b", messages, stream: false });
  });

  it("streams NDJSON whose pieces join to the non-streamed text, ending in done:true", async () => {
    const whole = await ollama.chat({ model: "qwen2.5:0.5b", messages });
    const parts = [];
    for await (const part of await ollama.chat({ model: "qwen2.5:0.5b", messages, stream: true })) {
      parts.push(part);
    }
    expect(parts.map((part) => part.message.content).join("")).toBe(whole.message.content);
    expect(parts.slice(0, -1).every((part) => !part.done)).toBe(true);
    expect(parts.at(-1)).toMatchObject({
      done: true,
      done_reason: "stop",
      prompt_eval_count: whole.prompt_eval_count,
      eval_count: whole.eval_count,
    });
  });

  it("follows a JSON schema in format, and num_predict cuts with done_reason length", async () => {
    const format = {
      type: "object",
      properties: { name: { type: "string" }, age: { type: "integer" } },
      required: ["name", "age"],
    };
    const json = await ollama.chat({ model: "qwen2.5:0.5b", messages, format });
    expect(JSON.parse(json.message.content)).toEqual({
      name: expect.stringContaining("用一句话"),
      age: 1,
    });
    const short = await ollama.chat({
      model: "qwen2.5:0.5b",
      messages,
      options: { num_predict: 3 },
    });
    expect(short).toMatchObject({ done_reason: "length", message: { content: "Echo: 用" } });
  });

  it("embeds deterministically with the configured dimension", async () => {
    const response = await ollama.embed({ model: "nomic-embed-text", input: ["a", "a", "b"] });
    expect(response.embeddings).toHaveLength(3);
    expect(response.embeddings[0]).toHaveLength(8);
    expect(response.embeddings[0]).toEqual(response.embeddings[1]);
    expect(response.embeddings[0]).not.toEqual(response.embeddings[2]);
    expect(response.prompt_eval_count).toBeGreaterThan(0);
    expect(fake.requests[0]?.body).toEqual({ model: "nomic-embed-text", input: ["a", "a", "b"] });
  });

  it("lists models, shows one, reports its version", async () => {
    const listed = await ollama.list();
    expect(listed.models.map((model) => model.name)).toEqual([
      "qwen2.5:0.5b",
      "nomic-embed-text:latest",
    ]);
    const shown = await ollama.show({ model: "nomic-embed-text" });
    expect(shown.capabilities).toEqual(["embedding"]);
    expect(await ollama.version()).toEqual({ version: "0.12.0" });
  });

  it("rejects an unknown model with a 404 ResponseError, until it is pulled", async () => {
    const missing = await ollama
      .chat({ model: "llama3.2", messages })
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({
      name: "ResponseError",
      status_code: 404,
      message: 'model "llama3.2" not found, try pulling it first',
    });
    const statuses: string[] = [];
    for await (const progress of await ollama.pull({ model: "llama3.2", stream: true })) {
      statuses.push(progress.status);
    }
    expect(statuses[0]).toBe("pulling manifest");
    expect(statuses.at(-1)).toBe("success");
    expect(fake.requests.at(-1)?.body).toEqual({ name: "llama3.2", stream: true });
    const answered = await ollama.chat({ model: "llama3.2", messages });
    expect(answered.message.content).toContain("用一句话");
  });

  it("a cut stream makes the client throw for the missing done line", async () => {
    fake.inject({ cutStreamAfter: 2 });
    const iterate = async () => {
      for await (const _part of await ollama.chat({
        model: "qwen2.5:0.5b",
        messages,
        stream: true,
      })) {
        // drain
      }
    };
    await expect(iterate()).rejects.toThrow("terminated");
    fake.inject({ cutStreamAfter: 2 });
    const pull = async () => {
      for await (const _progress of await ollama.pull({ model: "phi3", stream: true })) {
        // drain
      }
    };
    await expect(pull()).rejects.toThrow("terminated");
    expect((await ollama.list()).models.map((model) => model.name)).not.toContain("phi3:latest");
  });

  it("an injected 503 surfaces as a ResponseError with the status", async () => {
    fake.inject({ status: 503, path: "/api/chat" });
    const failed = await ollama.chat({ model: "qwen2.5:0.5b", messages }).catch((error) => error);
    expect(failed).toMatchObject({ name: "ResponseError", status_code: 503 });
  });

  it("stops a slow stream when the client aborts it", async () => {
    fake.inject({ frameDelayMs: 20 });
    const stream = await ollama.chat({ model: "qwen2.5:0.5b", messages, stream: true });
    const iterate = async () => {
      for await (const _part of stream) stream.abort();
    };
    await expect(iterate()).rejects.toThrow(/abort/i);
    await fake.waitUntil(() => fake.abortedRequests === 1);
  });
});
