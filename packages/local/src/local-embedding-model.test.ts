import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cosineSimilarity, InvalidInputError } from "@path/core";
import { makeTinyGguf } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalProvider, type LocalProvider } from "./local-provider.js";

let modelPath: string;
let local: LocalProvider;

beforeAll(async () => {
  modelPath = join(tmpdir(), `tiny-embed-${process.pid}.gguf`);
  await makeTinyGguf(modelPath, { contextLength: 128 });
  local = createLocalProvider({ threads: 1, gpu: false, download: false });
});
afterAll(async () => {
  await local.dispose();
  await rm(modelPath, { force: true });
});

describe("LocalEmbeddingModel", () => {
  it("returns one vector of the model's width per value, in order", async () => {
    const result = await local
      .embeddingModel(modelPath)
      .doEmbed({ values: ["hello world", "你好，世界", "hello world"] });
    expect(result.embeddings).toHaveLength(3);
    for (const vector of result.embeddings) expect(vector).toHaveLength(64);
    const [first, second, third] = result.embeddings as [number[], number[], number[]];
    expect(cosineSimilarity(first, third)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(first, second)).toBeLessThan(0.999);
    expect(result.usage?.inputTokens).toBeGreaterThan(3);
  });

  it("refuses a value longer than the model can embed, naming it", async () => {
    const long = "the quick brown fox ".repeat(200);
    const error = local.embeddingModel(modelPath).doEmbed({ values: ["short", long] });
    await expect(error).rejects.toBeInstanceOf(InvalidInputError);
    await expect(error).rejects.toThrow(/Value 1 is \d+ tokens, but .* embeds at most 127 tokens/);
  });

  it("refuses an empty value", async () => {
    await expect(local.embeddingModel(modelPath).doEmbed({ values: [""] })).rejects.toThrow(
      /Value 0 is empty/,
    );
  });
});
