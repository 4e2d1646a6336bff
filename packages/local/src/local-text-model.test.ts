import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AbortedError, InvalidInputError, ModelFileError } from "@path/core";
import type { TextCallOptions, TextStreamPart } from "@path/core/spec";
import { makeTinyGguf } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalProvider, type LocalProvider } from "./local-provider.js";

let modelPath: string;
let local: LocalProvider;

beforeAll(async () => {
  modelPath = join(tmpdir(), `tiny-text-${process.pid}.gguf`);
  await makeTinyGguf(modelPath);
  local = createLocalProvider({ threads: 1, gpu: false, download: false });
});
afterAll(async () => {
  await local.dispose();
  await rm(modelPath, { force: true });
});

const ask = (text: string, extra: Partial<TextCallOptions> = {}): TextCallOptions => ({
  messages: [
    { role: "system", content: "You are terse." },
    { role: "user", content: text },
  ],
  temperature: 0,
  seed: 7,
  maxOutputTokens: 24,
  ...extra,
});

async function collect(parts: AsyncIterable<TextStreamPart>): Promise<TextStreamPart[]> {
  const result: TextStreamPart[] = [];
  for await (const part of parts) result.push(part);
  return result;
}

describe("LocalTextModel", () => {
  it("generates text from a model file with usage counted", async () => {
    const result = await local.textModel(modelPath).doGenerate(ask("Hello there"));
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.finishReason).toBe("length");
    expect(result.usage.outputTokens).toBe(24);
    expect(result.usage.inputTokens).toBeGreaterThan(5);
    expect(result.usage.totalTokens).toBe(result.usage.inputTokens! + 24);
    expect(result.response?.modelId).toBe(`tiny-text-${process.pid}.gguf`);
    expect(result.warnings).toEqual([]);
  });

  it("streams start, deltas and finish whose text equals the non-streamed answer", async () => {
    const model = local.textModel(modelPath);
    const whole = await model.doGenerate(ask("Tell me a story"));
    const parts = await collect(await model.doStream(ask("Tell me a story")));
    expect(parts[0]?.type).toBe("start");
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: "length",
      usage: whole.usage,
    });
    const deltas = parts.filter((part) => part.type === "text-delta");
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((part) => part.delta).join("")).toBe(whole.text);
  });

  it("stops at a stop sequence and reports finishReason stop", async () => {
    const model = local.textModel(modelPath);
    const whole = await model.doGenerate(ask("Count for me", { maxOutputTokens: 40 }));
    // Printable ASCII, so the stop text never depends on how partial UTF-8 bytes decode.
    const stop = /[!-~]{2}/.exec(whole.text.slice(8))?.[0] ?? whole.text.slice(8, 10);
    const stopped = await model.doGenerate(
      ask("Count for me", { maxOutputTokens: 40, stopSequences: [stop] }),
    );
    expect(stopped.finishReason).toBe("stop");
    expect(whole.text.startsWith(stopped.text)).toBe(true);
    expect(stopped.text).not.toContain(stop);
  });

  it("repeats a sampled answer for the same seed", async () => {
    const model = local.textModel(modelPath);
    const sampled = (seed: number) =>
      model.doGenerate(ask("Surprise me", { temperature: 1, seed }));
    const [first, again] = [await sampled(5), await sampled(5)];
    expect(again.text).toBe(first.text);
  });

  it("stops at once when the signal aborts mid-generation", async () => {
    const controller = new AbortController();
    const stream = await local
      .textModel(modelPath)
      .doStream(ask("Go on", { maxOutputTokens: 900, signal: controller.signal }));
    let deltas = 0;
    const error = await (async () => {
      for await (const part of stream) {
        if (part.type === "text-delta" && ++deltas === 3) controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortedError);
    // Counted in tokens, not milliseconds: of the 900 asked for, only a few more are written.
    expect(deltas).toBeLessThan(50);
    // The model is free again straight away.
    await expect(
      local.textModel(modelPath).doGenerate(ask("Again", { maxOutputTokens: 3 })),
    ).resolves.toBeTruthy();
  });

  it("stops generating when the consumer leaves the stream early", async () => {
    const stream = await local
      .textModel(modelPath)
      .doStream(ask("Long one", { maxOutputTokens: 900 }));
    for await (const part of stream) if (part.type === "text-delta") break;
    // The model runs one request at a time, so once the next one is answered the first has ended.
    await local.textModel(modelPath).doGenerate(ask("Next", { maxOutputTokens: 3 }));
    // What the first wrote after the consumer left is still in its stream: a few tokens of the
    // 900 asked for, ended by an abort rather than a finish.
    let deltasAfterLeaving = 0;
    const ending = await (async () => {
      for await (const part of stream) {
        if (part.type === "text-delta") deltasAfterLeaving++;
        if (part.type === "finish") return part;
      }
    })().catch((caught: unknown) => caught);
    expect(ending).toBeInstanceOf(AbortedError);
    expect(deltasAfterLeaving).toBeLessThan(50);
  });

  it("writes JSON that parses and has the schema's keys and types", async () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string", maxLength: 12 },
        ok: { type: "boolean" },
        kind: { enum: ["a", "b", "c"] },
        age: { type: "integer", minimum: 0, maximum: 120 },
      },
      required: ["name", "ok", "kind", "age"],
      additionalProperties: false,
    };
    const result = await local.textModel(modelPath).doGenerate(
      ask("Describe a person as JSON", {
        maxOutputTokens: 200,
        responseFormat: { type: "json", schema },
      }),
    );
    const value = JSON.parse(result.text) as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual(["age", "kind", "name", "ok"]);
    expect(typeof value.name).toBe("string");
    expect(typeof value.ok).toBe("boolean");
    expect(["a", "b", "c"]).toContain(value.kind);
    expect(typeof value.age).toBe("number");
    expect(result.warnings).toEqual([
      expect.objectContaining({
        setting: "responseFormat.schema",
        message: expect.stringContaining("properties.age.minimum, properties.age.maximum"),
      }),
    ]);
  });

  it("writes an optional property anyway and warns that it did", async () => {
    const schema = {
      type: "object",
      properties: { kind: { enum: ["a", "b"] }, mood: { enum: ["calm", "busy"] } },
      required: ["kind"],
      additionalProperties: false,
    };
    const result = await local
      .textModel(modelPath)
      .doGenerate(
        ask("Pick as JSON", { maxOutputTokens: 60, responseFormat: { type: "json", schema } }),
      );
    expect(Object.keys(JSON.parse(result.text)).sort()).toEqual(["kind", "mood"]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        setting: "responseFormat.schema",
        message: expect.stringContaining("properties.mood will always be present"),
      }),
    ]);
  });

  it("warns a second provider whose threads and gpu differ from the llama.cpp already running", async () => {
    const other = createLocalProvider({ threads: 2, gpu: "auto", download: false });
    const result = await other
      .textModel(modelPath)
      .doGenerate(ask("Hello", { maxOutputTokens: 2 }));
    expect(result.warnings).toEqual([
      {
        type: "unsupported-setting",
        setting: "threads",
        message:
          "llama.cpp already runs in this process with threads: 1, so this provider's threads: 2 has no effect; call disposeLocalModels() first to load it again with new settings.",
      },
      expect.objectContaining({ setting: "gpu", message: expect.stringContaining("gpu: false") }),
    ]);
    const same = createLocalProvider({ threads: 1, gpu: false, download: false });
    expect(
      (await same.textModel(modelPath).doGenerate(ask("Hello", { maxOutputTokens: 2 }))).warnings,
    ).toEqual([]);
  });

  it("queues concurrent calls instead of interleaving them", async () => {
    const model = local.textModel(modelPath);
    const alone = await model.doGenerate(ask("First question"));
    const order: string[] = [];
    // The first call is queued once its stream is handed out; the second is asked for while it
    // runs. (Started together, either could finish preparing first and take the queue.)
    const firstStream = await model.doStream(ask("First question"));
    const [first, second] = await Promise.all([
      (async () => {
        let text = "";
        for await (const part of firstStream) {
          if (part.type === "text-delta") text += part.delta;
          if (part.type === "finish") order.push("first");
        }
        return text;
      })(),
      model.doGenerate(ask("Second question")).then((result) => {
        order.push("second");
        return result.text;
      }),
    ]);
    expect(order).toEqual(["first", "second"]);
    expect(first).toBe(alone.text);
    expect(second.length).toBeGreaterThan(0);
  });

  it("leaves out the oldest turns when the conversation overflows the context, and says so", async () => {
    const filler = "the answer is yes and the answer is no ".repeat(40);
    const messages: TextCallOptions["messages"] = [{ role: "system", content: "Be brief." }];
    for (let turn = 0; turn < 6; turn++) {
      messages.push(
        { role: "user", content: `${turn} ${filler}` },
        { role: "assistant", content: filler },
      );
    }
    messages.push({ role: "user", content: "And now?" });
    const result = await local
      .textModel(modelPath)
      .doGenerate({ messages, temperature: 0, maxOutputTokens: 8 });
    expect(result.usage.inputTokens).toBeLessThanOrEqual(1024 - 8);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        type: "other",
        message: expect.stringMatching(/oldest message\(s\) were left out/),
      }),
    ]);
  });

  it("refuses a last message that cannot fit, with the numbers", async () => {
    const huge = "tokens and more tokens ".repeat(600);
    const error = local
      .textModel(modelPath)
      .doGenerate({ messages: [{ role: "user", content: huge }], maxOutputTokens: 8 });
    await expect(error).rejects.toBeInstanceOf(InvalidInputError);
    await expect(error).rejects.toThrow(/The prompt is \d+ tokens, but .* holds 1024 tokens/);
  });

  it("warns about images and unknown local options instead of dropping them silently", async () => {
    const result = await local.textModel(modelPath).doGenerate({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image", image: { data: new Uint8Array([137, 80, 78, 71]) } },
          ],
        },
      ],
      maxOutputTokens: 2,
      providerOptions: { local: { topK: 20, mirostat: 2 } },
    });
    expect(result.warnings.map((warning) => warning.setting)).toEqual([
      "providerOptions.local.mirostat",
      "messages",
    ]);
  });
});

describe("bad model files", () => {
  const variants: Record<string, (bytes: Buffer) => Buffer> = {
    "not-gguf": () => Buffer.from("<html>404 Not Found</html>"),
    truncated: (bytes) => bytes.subarray(0, Math.floor(bytes.length * 0.7)),
    // A header llama.cpp reads but refuses: the rope dimension no longer matches the head size.
    "load-failed": (bytes) => {
      const copy = Buffer.from(bytes);
      const key = copy.indexOf("llama.rope.dimension_count");
      copy.writeUInt32LE(7, key + "llama.rope.dimension_count".length + 4);
      return copy;
    },
  };

  it.each(Object.keys(variants))(
    "fails with a clear %s error naming the file, and the process carries on",
    async (problem) => {
      const path = join(tmpdir(), `bad-${problem}-${process.pid}.gguf`);
      await writeFile(path, variants[problem]!(await readFile(modelPath)));
      try {
        const error = await local
          .textModel(path)
          .doGenerate(ask("Hi"))
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ModelFileError);
        expect(error).toMatchObject({ problem });
        expect((error as Error).message).toContain(path);
        if (problem === "load-failed")
          expect((error as Error).message).toMatch(/llama\.cpp could not load/);
        await expect(
          local.textModel(modelPath).doGenerate(ask("Still there?", { maxOutputTokens: 2 })),
        ).resolves.toBeTruthy();
      } finally {
        await rm(path, { force: true });
      }
    },
  );
});
