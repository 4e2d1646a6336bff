import { describe, expect, it } from "vitest";
import { addPngText, readPngText } from "../media/png-text.js";
import type { GenerateImageResult } from "./generate-image.js";
import {
  formatWebuiParameters,
  parseWebuiParameters,
  webuiParametersFor,
} from "./webui-parameters.js";

describe("WebUI parameters text", () => {
  it("formats the fields in WebUI's order", () => {
    const text = formatWebuiParameters({
      prompt: "a red lantern, spring festival",
      negativePrompt: "text, watermark",
      steps: 25,
      sampler: "Euler a",
      cfgScale: 7,
      seed: 42,
      width: 512,
      height: 768,
      model: "sd_xl_base_1.0",
      extra: { Provider: "a1111" },
    });
    expect(text).toBe(
      "a red lantern, spring festival\nNegative prompt: text, watermark\n" +
        "Steps: 25, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x768, Model: sd_xl_base_1.0, Provider: a1111",
    );
  });

  it("quotes values with commas or colons, and reads them back", () => {
    const text = formatWebuiParameters({
      prompt: "舞龙\nsecond line",
      seed: 1,
      width: 64,
      height: 64,
      model: "org/model:v1",
      extra: { Note: 'a, "b"' },
    });
    expect(text).toContain('Model: "org/model:v1", Note: "a, \\"b\\""');
    const parsed = parseWebuiParameters(text);
    expect(parsed).toMatchObject({
      prompt: "舞龙\nsecond line",
      negativePrompt: "",
      seed: 1,
      width: 64,
      height: 64,
      model: "org/model:v1",
      extra: { Note: 'a, "b"' },
    });
  });

  it("reads a WebUI infotext as WebUI writes it", () => {
    const parsed = parseWebuiParameters(
      "girl with a beret, ((eyeshadow))\nNegative prompt: ugly, blurry\n" +
        "Steps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 965400086, Size: 512x512, Model hash: 45dee52b, Clip skip: 2",
    );
    expect(parsed).toMatchObject({
      prompt: "girl with a beret, ((eyeshadow))",
      negativePrompt: "ugly, blurry",
      steps: 20,
      sampler: "DPM++ 2M Karras",
      cfgScale: 7,
      seed: 965400086,
      width: 512,
      height: 512,
      modelHash: "45dee52b",
      extra: { "Clip skip": "2" },
    });
  });

  it("treats a last line with fewer than three fields as part of the prompt", () => {
    expect(parseWebuiParameters("a cat\nwearing: a hat")).toMatchObject({
      prompt: "a cat\nwearing: a hat",
      fields: {},
    });
  });

  it("survives a round trip through a PNG text chunk", () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const text = formatWebuiParameters({ prompt: "中国龙", seed: 42, width: 1, height: 1 });
    expect(readPngText(addPngText(png, { parameters: text })).parameters).toBe(text);
  });
});

describe("webuiParametersFor", () => {
  it("keeps only the settings the provider honoured", () => {
    const result = {
      images: [{ seed: undefined, width: 1024, height: 1536 }],
      warnings: [
        { type: "unsupported-setting", setting: "seed", message: "" },
        { type: "unsupported-setting", setting: "steps", message: "" },
      ],
      provider: "openai",
      modelId: "gpt-image-1",
      durationMs: 1,
      parameters: { quality: "high" },
      request: { prompt: "dragon", seed: 42, steps: 20, guidance: 7, n: 1, initImage: false },
    } as unknown as GenerateImageResult;
    expect(formatWebuiParameters(webuiParametersFor(result, 0))).toBe(
      "dragon\nCFG scale: 7, Size: 1024x1536, Model: gpt-image-1, Provider: openai, Quality: high",
    );
  });

  it("prefers what a WebUI-like provider reports: sampler, scheduler, checkpoint and hash", () => {
    const result = {
      images: [{ seed: 42, width: 512, height: 512 }],
      warnings: [],
      provider: "a1111",
      modelId: "default",
      durationMs: 1,
      parameters: {
        sampler: "DPM++ 2M",
        scheduler: "Karras",
        checkpoint: "v1-5-pruned-emaonly",
        checkpointHash: "6ce0161689",
        steps: 25,
        cfgScale: 7,
        denoisingStrength: 0.6,
      },
      request: { prompt: "a cat", n: 1, strength: 0.6, initImage: true },
    } as unknown as GenerateImageResult;
    expect(formatWebuiParameters(webuiParametersFor(result, 0))).toBe(
      "a cat\nSteps: 25, Sampler: DPM++ 2M, CFG scale: 7, Seed: 42, Size: 512x512, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.6, Provider: a1111, Schedule type: Karras",
    );
  });
});
