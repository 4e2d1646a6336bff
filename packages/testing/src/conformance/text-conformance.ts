/**
 * The provider conformance suite for text and embeddings. The same checks run on every
 * provider, so every provider behaves the same behind core. Call it from a test file:
 *
 *   describeTextConformance("openai", { echoesPrompt: true }, async () => ({ textModel, server }));
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
import { itWhen } from "./register-when.js";

/** What is known of a provider before it starts: which checks apply to it. */
export interface TextConformanceTraits {
  /** True when the answer repeats the prompt (the fakes do; a real model does not). */
  echoesPrompt?: boolean;
  /** A setting the provider cannot honour, which must come back as a warning. */
  unsupportedSetting?: { name: "seed" | "topP" | "stopSequences"; value: unknown };
  /** No fake server stands between the test and the model (in-process, or a live service), so no HTTP faults can be injected. */
  noFakeServer?: boolean;
  /** False for live services: the same request may not give the same text twice. */
  deterministic?: boolean;
  /** False when the provider has no embedding model. */
  embeddings?: boolean;
  /** Tokens to ask for in the abort check (a long answer). Default 2000. */
  longAnswerTokens?: number;
}

export interface TextConformanceSubject {
  textModel: TextModel;
  embeddingModel?: EmbeddingModel;
  /** The fake server the provider talks to (unless the provider runs in-process). */
  server?: FakeServer;
  close?: () => Promise<void>;
}

export function describeTextConformance(
  name: string,
  traits: TextConformanceTraits,
  setup: () => Promise<TextConformanceSubject>,
) {
  const withFaults = itWhen(!traits.noFakeServer, "no fake server to inject HTTP faults into");
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
      if (traits.echoesPrompt) expect(result.text).toContain("你好");
      expect(result.usage.inputTokens).toBeGreaterThan(0);
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(result.provider).toBe(subject.textModel.provider);
    });

    it("streams the text it answers in one piece", async () => {
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
      const final = await stream.final;
      expect(final.text).toBe(joined);
      // A live model may word it differently each time; a fake or a seeded local one may not.
      if (traits.deterministic !== false) expect(joined).toBe(whole.text);
      else expect(joined.length).toBeGreaterThan(0);
      expect(final.usage.outputTokens).toBeGreaterThan(0);
    });

    it("stops work when the caller aborts", async () => {
      const controller = new AbortController();
      const server = subject.server;
      server?.reset();
      server?.inject({ hang: true });
      const stream = streamText({
        model: subject.textModel,
        prompt: "Write a very long story about rivers.",
        maxOutputTokens: traits.longAnswerTokens ?? 2000,
        signal: controller.signal,
        maxRetries: 0,
      });
      // Abort mid-answer: at the first words, or once a hung server holds the request.
      const reading = (async () => {
        for await (const _delta of stream.textStream) controller.abort();
      })();
      if (server) {
        await server.waitUntil(() => server.requests.length > 0);
        controller.abort();
      }
      await expect(stream.final).rejects.toBeInstanceOf(AbortedError);
      await reading.catch(() => {});
      if (server) await server.waitUntil(() => server.abortedRequests > 0);
    });

    it("returns JSON that matches a schema", async () => {
      const schema = {
        type: "object",
        // An enum keeps the answer short even for a tiny random-weight model.
        properties: {
          city: { type: "string", enum: ["杭州", "北京"] },
          sunny: { type: "boolean" },
        },
        required: ["city", "sunny"],
      };
      const result = await generateText<{ city: string; sunny: boolean }>({
        model: subject.textModel,
        prompt: "Weather in 杭州 as JSON",
        schema,
        ...fast,
        maxOutputTokens: 64,
      });
      expect(["杭州", "北京"]).toContain(result.object.city);
      expect(typeof result.object.sunny).toBe("boolean");
    });

    itWhen(!!traits.unsupportedSetting, "it honours every common setting")(
      "reports a setting it cannot honour as a warning",
      async () => {
        const setting = traits.unsupportedSetting!;
        const result = await generateText({
          model: subject.textModel,
          prompt: "hi",
          maxRetries: 0,
          [setting.name]: setting.value,
        });
        expect(result.warnings.map((warning) => warning.setting)).toContain(setting.name);
      },
    );

    describe("faults (needs a fake server)", () => {
      const server = () => {
        subject.server!.reset();
        return subject.server!;
      };
      const ask = (extra: object = {}) =>
        generateText({ model: subject.textModel, prompt: "fault check", maxRetries: 0, ...extra });

      withFaults("retries a 429 after its Retry-After and succeeds", async () => {
        server().inject({ status: 429, headers: { "retry-after-ms": "5", "retry-after": "0" } });
        const result = await ask({ maxRetries: 2 });
        expect(result.text.length).toBeGreaterThan(0);
        expect(subject.server!.requests.length).toBe(2);
      });

      withFaults("maps 401 to a non-retryable ApiCallError without retrying", async () => {
        server().inject({ status: 401 });
        const error = await ask({ maxRetries: 2 }).catch((caught) => caught);
        expect(error).toBeInstanceOf(ApiCallError);
        expect(error.status).toBe(401);
        expect(error.isRetryable).toBe(false);
        expect(subject.server!.requests.length).toBe(1);
      });

      withFaults("gives up on a 5xx storm after the retries", async () => {
        server().inject({
          status: 500,
          times: 3,
          headers: { "retry-after-ms": "1", "retry-after": "0" },
        });
        const error = await ask({ maxRetries: 2 }).catch((caught) => caught);
        expect(error).toBeInstanceOf(ApiCallError);
        expect(error.status).toBe(500);
        expect(subject.server!.requests.length).toBe(3);
      });

      withFaults("explains an HTML page where JSON was expected", async () => {
        server().inject({
          status: 502,
          body: "<html><body>Bad gateway</body></html>",
          contentType: "text/html",
        });
        const error = await ask().catch((caught) => caught);
        expect(PathError.isInstance(error)).toBe(true);
        expect(error.message).toMatch(/HTML/);
      });

      withFaults("turns malformed JSON into an InvalidResponseError", async () => {
        server().inject({ malformedJson: true });
        await expect(ask()).rejects.toBeInstanceOf(InvalidResponseError);
      });

      withFaults("keeps the partial text when a stream is cut", async () => {
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

      withFaults("times out a silent server", async () => {
        server().inject({ hang: true });
        await expect(ask({ timeoutMs: 200 })).rejects.toBeInstanceOf(TimeoutError);
      });
    });

    itWhen(traits.embeddings !== false, "it has no embedding model")(
      "embeds values into vectors of one dimension, same text same vector",
      async () => {
        const values = ["生成式 AI", "a cat on a mat", "生成式 AI"];
        const result = await embed({ model: subject.embeddingModel!, values, maxRetries: 0 });
        expect(result.embeddings).toHaveLength(3);
        const dimension = result.embeddings[0]!.length;
        expect(dimension).toBeGreaterThan(0);
        for (const vector of result.embeddings) expect(vector).toHaveLength(dimension);
        expect(result.embeddings[2]).toEqual(result.embeddings[0]);
        expect(result.embeddings[1]).not.toEqual(result.embeddings[0]);
      },
    );
  });
}
