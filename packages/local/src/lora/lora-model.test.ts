import { mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidInputError } from "@path/core";
import { makeTinyGguf, makeTinyLora } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeLocalModels } from "../model-pool.js";
import { checkAdapterFitsModel } from "./check-adapter.js";
import { type LoraModel, openLoraModel } from "./lora-model.js";

const folder = join(tmpdir(), `lora-model-${process.pid}`);
const modelPath = join(folder, "tiny.gguf");
const adapterPath = join(folder, "tiny-lora.gguf");
const wideAdapterPath = join(folder, "wide-lora.gguf");
let model: LoraModel;

beforeAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const base = await makeTinyGguf(modelPath);
  await makeTinyLora(adapterPath, { vocabularySize: base.vocabularySize });
  await makeTinyLora(wideAdapterPath, { vocabularySize: base.vocabularySize, embeddingLength: 96 });
  model = await openLoraModel(modelPath, { threads: 1 });
});
afterAll(async () => {
  await disposeLocalModels();
  await rm(folder, { recursive: true, force: true });
});

describe("openLoraModel", () => {
  it("the adapter changes the greedy answer; scale 0 and no adapter give the base answer exactly", async () => {
    const base = await model.generate("你好", { maxTokens: 16 });
    const adapted = await model.generate("你好", {
      adapters: [{ path: adapterPath }],
      maxTokens: 16,
    });
    const scaledOff = await model.generate("你好", {
      adapters: [{ path: adapterPath, scale: 0 }],
      maxTokens: 16,
    });
    const baseAgain = await model.generate("你好", { maxTokens: 16 });
    expect(base.length).toBeGreaterThan(0);
    expect(adapted).not.toBe(base);
    expect(scaledOff).toBe(base);
    expect(baseAgain).toBe(base);
    // Adapted twice, from its cached context: the same answer.
    expect(await model.generate("你好", { adapters: [{ path: adapterPath }], maxTokens: 16 })).toBe(
      adapted,
    );
  });

  it("an adapter for another hidden size is a clear error naming both files", async () => {
    const attempt = model.generate("你好", { adapters: [{ path: wideAdapterPath }] });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toThrow(
      /adapter wide-lora\.gguf and model tiny\.gguf do not match: output\.weight is \[64, \d+\] in the model, the adapter's lora_a is \[96, 4\]/,
    );
    // The model still answers afterwards.
    expect(await model.generate("你好", { maxTokens: 16 })).toBe(
      await model.generate("你好", { maxTokens: 16 }),
    );
  });

  it("names the architecture when the adapter is for another family", async () => {
    const qwenAdapter = join(folder, "qwen-lora.gguf");
    await makeTinyLora(qwenAdapter, { vocabularySize: 10, architecture: "qwen2" });
    await expect(checkAdapterFitsModel(modelPath, qwenAdapter)).rejects.toThrow(
      /the adapter is for qwen2 models, the model is llama/,
    );
  });

  it("a model file given as an adapter, or a file that is not GGUF, is refused", async () => {
    await expect(checkAdapterFitsModel(modelPath, modelPath)).rejects.toThrow(
      /is not a LoRA adapter/,
    );
    const text = join(folder, "notes.gguf");
    await writeFile(text, "not a model");
    await expect(checkAdapterFitsModel(modelPath, text)).rejects.toThrow(
      /Cannot read the LoRA adapter/,
    );
  });
});
