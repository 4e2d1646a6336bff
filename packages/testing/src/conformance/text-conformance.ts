/**
 * The provider conformance suite for text and embeddings. The same checks run on every
 * provider, so every provider behaves the same behind core. Call it from a test file:
 *
 *   describeTextConformance("openai", async () => ({ textModel, embeddingModel, server }));
 */
import {
  AbortedError,
  ApiCallError,
  type EmbeddingModel,
  embed,
  generateText,
  InvalidResponseError,
  PathError,
  StreamCutError,
  streamText,
  type TextModel,
  TimeoutError,
} from "@path/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeServer } from "../fake-server.js";

export interface TextConformanceSubject {
  textModel: TextModel;
  embeddingModel?: EmbeddingModel;
  /** The fake server the provider talks to; absent for in-process providers (no fault checks). */
  server?: FakeServer;
  /** True when the answer repeats the prompt (the fakes do; a real model does not). */
  echoesPrompt?: boolean;
  /** A setting the provider cannot honour, which must come back as a warning. */
  unsupportedSetting?: { name: "seed" | "topP" | "stopSequences"; value: unknown };
  /** Generation settings for long answers in abort checks on in-process providers. */
  longAnswerTokens?: number;
  close?: () => Promise<void>;
}

export function describeTextConformance(
  name: string,
  setup: () => Promise<TextConformanceSubject>,
) {
  describe(`${name}: text conformance`, () => {
    let subject: TextConformanceSubject;
    beforeAll(async () => {
      subject = await setup();
    });
    afterAll(async () => {
      await subject?.close?.();
    });
    const fast = { maxRetries: 0, temperature: 0, seed: 7 } as const;

    it("answers with text and token usage", async () => {
      const prompt = "Say 你好 to the conformance suite";
      const result = await generateText({
        model: subject.textModel,
        prompt,
        ...fast,
        maxOutputTokens: 24,
      });
      expect(result.text.length).toBeGreaterThan(0);
      if (subject.echoesPrompt) expect(result.text).toContain("你好");
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(result.provider).toBe(subject.textModel.provider);
    });

    it("streams the same text it answers in one piece", async () => {
      const options = {
        model: subject.textModel,
        prompt: "Count: one two three",
        ...fast,
        maxOutputTokens: 24,
      };
      const whole = await generateText(options);
      const stream = streamText(options);
      let joined = "";
      for await (const delta of stream.textStream) joined += delta;
      expect(joined).toBe(whole.text);
      const final = await stream.final;
      expect(final.text).toBe(whole.text);
      expect(final.usage.outputTokens).toBeGreaterThan(0);
    });

    it("stops work when the caller aborts", async () => {
      const controller = new AbortController();
      subject.server?.reset();
      subject.server?.inject({ hang: true });
      const started = performance.now();
      const stream = streamText({
        model: subject.textModel,
        prompt: "Write a very long story about rivers.",
        maxOutputTokens: subject.longAnswerTokens ?? 2000,
        signal: controller.signal,
        maxRetries: 0,
      });
      setTimeout(() => controller.abort(), 100);
      await expect(stream.final).rejects.toBeInstanceOf(AbortedError);
      expect(performance.now() - started).toBeLessThan(3000);
      if (subject.server) await subject.server.waitUntil(() => subject.server!.abortedRequests > 0);
    });

    it("returns JSON that matches a schema", async () => {
      const schema = {
        type: "object",
        properties: { city: { type: "string" }, sunny: { type: "boolean" } },
        required: ["city", "sunny"],
      };
      const result = await generateText<{ city: string; sunny: boolean }>({
        model: subject.textModel,
        prompt: "Weather in 杭州 as JSON",
        schema,
        ...fast,
        maxOutputTokens: 64,
      });
      expect(typeof result.object.city).toBe("string");
      expect(typeof result.object.sunny).toBe("boolean");
    });

    it("reports a setting it cannot honour as a warning", async (context) => {
      const setting = subject.unsupportedSetting;
      if (!setting) return context.skip("this provider honours every common setting");
      const result = await generateText({
        model: subject.textModel,
        prompt: "hi",
        maxRetries: 0,
        [setting.name]: setting.value,
      });
      expect(result.warnings.map((warning) => warning.setting)).toContain(setting.name);
    });

    describe("faults (needs a fake server)", () => {
      const server = () => {
        subject.server!.reset();
        return subject.server!;
      };
      const ask = (extra: object = {}) =>
        generateText({ model: subject.textModel, prompt: "fault check", maxRetries: 0, ...extra });

      it("retries a 429 after its Retry-After and succeeds", async (context) => {
        if (!subject.server) return context.skip("in-process provider: no HTTP faults");
        server().inject({ status: 429, headers: { "retry-after-ms": "5", "retry-after": "0" } });
        const result = await ask({ maxRetries: 2 });
        expect(result.text.length).toBeGreaterThan(0);
        expect(subject.server.requests.length).toBe(2);
      });

      it("maps 401 to a non-retryable ApiCallError without retrying", async (context) => {
        if (!subject.server) return context.skip("in-process provider: no HTTP faults");
        server().inject({ status: 401 });
        const error = await ask({ maxRetries: 2 }).catch((caught) => caught);
        expect(error).toBeInstanceOf(ApiCallError);
        expect(error.status).toBe(401);
        expect(error.isRetryable).toBe(false);
        expect(subject.server.requests.length).toBe(1);
      });

      it("gives up on a 5xx storm after the retries", async (context) => {
        if (!subject.server) return context.skip("in-process provider: no HTTP faults");
        server().inject({
          status: 500,
          times: 3,
          headers: { "retry-after-ms": "1", "retry-after": "0" },
        });
        const error = await ask({ maxRetries: 2 }).catch((caught) => caught);
        expect(error).toBeInstanceOf(ApiCallError);
        expect(error.status).toBe(500);
        expect(subject.server.requests.length).toBe(3);
      });

      it("explains an HTML page where JSON was expected", async (context) => {
        if (!subject.server) return context.skip("in-process provider: no HTTP faults");
        server().inject({
          status: 502,
          body: "<html><body>Bad gateway</body></html>",
          contentType: "text/html",
        });
        const error = await ask().catch((caught) => caught);
        expect(PathError.isInstance(error)).toBe(true);
        expect(error.message).toMatch(/HTML/);
      });

      it("turns malformed JSON into an InvalidResponseError", async (context) => {
        if (!subject.server) return context.skip("in-process provider: no HTTP faults");
        server().inject({ malformedJson: true });
        await expect(ask()).rejects.toBeInstanceOf(InvalidResponseError);
      });

      it("keeps the partial text when a stream is cut", async (context) => {
        if (!subject.server) return context.skip("in-process provider: no HTTP faults");
        server().inject({ cutStreamAfter: 3 });
        const stream = streamText({
          model: subject.textModel,
          prompt: "a long answer please",
          maxRetries: 0,
        });
        const error = await stream.final.catch((caught) => caught);
        expect(error).toBeInstanceOf(StreamCutError);
        expect(error.partialText.length).toBeGreaterThan(0);
        expect(error.message).toMatch(/cut off/);
      });

      it("times out a silent server", async (context) => {
        if (!subject.server) return context.skip("in-process provider: no HTTP faults");
        server().inject({ hang: true });
        await expect(ask({ timeoutMs: 200 })).rejects.toBeInstanceOf(TimeoutError);
      });
    });

    it("embeds values into vectors of one dimension, same text same vector", async (context) => {
      if (!subject.embeddingModel) return context.skip("this provider has no embedding model");
      const values = ["生成式 AI", "a cat on a mat", "生成式 AI"];
      const result = await embed({ model: subject.embeddingModel, values, maxRetries: 0 });
      expect(result.embeddings).toHaveLength(3);
      const dimension = result.embeddings[0]!.length;
      expect(dimension).toBeGreaterThan(0);
      for (const vector of result.embeddings) expect(vector).toHaveLength(dimension);
      expect(result.embeddings[2]).toEqual(result.embeddings[0]);
      expect(result.embeddings[1]).not.toEqual(result.embeddings[0]);
    });
  });
}
