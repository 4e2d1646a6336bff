import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import type { ImageCallOptions, ImageModel } from "../spec/index.js";
import { generateImage } from "./generate-image.js";
import { hasPromptFlags, parsePromptFlags, stylizeToGuidance } from "./prompt-flags.js";

describe("parsePromptFlags", () => {
  it("takes Midjourney-style flags out of the prompt", () => {
    const flags = parsePromptFlags(
      "chinese dragon, cute, anime --ar 3:4 --seed 42 --no text, watermark --stylize 250",
    );
    expect(flags).toMatchObject({
      prompt: "chinese dragon, cute, anime",
      aspectRatio: "3:4",
      seed: 42,
      negativePrompt: "text, watermark",
      stylize: 250,
      ignored: [],
    });
    expect(flags.written).toMatchObject({ seed: "--seed 42", stylize: "--stylize 250" });
  });

  it("reads aliases, dashes that editors made of --, and a full-width colon", () => {
    const flags = parsePromptFlags(
      "舞龙 —aspect 16：9 –s 50 --q 2 --cfg 6.5 --steps 30 --n 4 --raw",
    );
    expect(flags).toMatchObject({
      prompt: "舞龙",
      aspectRatio: "16:9",
      stylize: 50,
      quality: "2",
      guidance: 6.5,
      steps: 30,
      n: 4,
      style: "raw",
    });
  });

  it("joins several --no and keeps words that follow a one-value flag", () => {
    const flags = parsePromptFlags("a cat --ar 1:1 in a hat --no dogs --no birds,");
    expect(flags.prompt).toBe("a cat in a hat");
    expect(flags.negativePrompt).toBe("dogs, birds");
  });

  it("lists Midjourney-only and unknown flags instead of dropping them", () => {
    const flags = parsePromptFlags("a fox --chaos 30 --tile --v 6 --sparkle lots --weird 100");
    expect(flags.prompt).toBe("a fox lots");
    expect(flags.ignored).toEqual([
      { flag: "--chaos 30", midjourneyOnly: true },
      { flag: "--tile", midjourneyOnly: true },
      { flag: "--v 6", midjourneyOnly: true },
      { flag: "--sparkle", midjourneyOnly: false },
      { flag: "--weird 100", midjourneyOnly: true },
    ]);
  });

  it("leaves prompts without flags, and words with dashes, alone", () => {
    expect(hasPromptFlags("state-of-the-art -- nothing here")).toBe(false);
    expect(parsePromptFlags("  a state-of-the-art robot  ")).toMatchObject({
      prompt: "a state-of-the-art robot",
      ignored: [],
    });
  });

  it("refuses bad values with a message that says what is expected", () => {
    expect(() => parsePromptFlags("x --ar 0:5")).toThrow(InvalidInputError);
    expect(() => parsePromptFlags("x --ar 0:5")).toThrow(/Aspect ratio "0:5" is not usable/);
    expect(() => parsePromptFlags("x --seed abc")).toThrow(/--seed takes a whole number/);
    expect(() => parsePromptFlags("x --seed")).toThrow(/--seed needs a value, e\.g\. --seed 42/);
    expect(() => parsePromptFlags("x --n 0")).toThrow(/from 1 to 64/);
    expect(() => parsePromptFlags("x --stylize 5000")).toThrow(/from 0 to 1000/);
  });

  it("maps stylize onto a guidance scale, 100 → 7", () => {
    expect(stylizeToGuidance(100)).toBe(7);
    expect(stylizeToGuidance(1000)).toBe(5);
    expect(stylizeToGuidance(0)).toBe(11);
  });
});

/** An in-process model that records what it was asked and honours only what it lists. */
function recordingModel(honours: (keyof ImageCallOptions)[]) {
  const calls: ImageCallOptions[] = [];
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );
  const model: ImageModel = {
    specVersion: "v1",
    provider: "test",
    modelId: "recorder",
    async doGenerate(options) {
      calls.push(options);
      const warnings = (["seed", "steps", "guidance", "negativePrompt"] as const)
        .filter((setting) => options[setting] !== undefined && !honours.includes(setting))
        .map((setting) => ({
          type: "unsupported-setting" as const,
          setting,
          message: `test ignores ${setting}.`,
        }));
      return { images: Array.from({ length: options.n }, () => ({ data: png })), warnings };
    },
  };
  return { model, calls };
}

describe("generateImage with prompt flags", () => {
  it("applies the flags, and explicit options win with a warning", async () => {
    const { model, calls } = recordingModel(["seed", "steps", "guidance", "negativePrompt"]);
    const result = await generateImage({
      model,
      prompt: "a lantern --ar 3:4 --seed 42 --no text --steps 20 --n 2",
      seed: 7,
    });
    expect(calls[0]).toMatchObject({
      prompt: "a lantern",
      negativePrompt: "text",
      size: { width: 960, height: 1280 },
      aspectRatio: "3:4",
      seed: 7,
      steps: 20,
      n: 2,
    });
    expect(result.warnings).toEqual([
      {
        type: "other",
        setting: "seed",
        message: '"--seed 42" in the prompt was overridden by the seed option.',
      },
    ]);
    expect(result.images.map((image) => image.seed)).toEqual([7, 8]);
  });

  it("turns --stylize into guidance where the model takes it, and warns where it does not", async () => {
    const taking = recordingModel(["guidance"]);
    await generateImage({ model: taking.model, prompt: "x --stylize 1000" });
    expect(taking.calls[0]!.guidance).toBe(5);
    const ignoring = recordingModel([]);
    const result = await generateImage({ model: ignoring.model, prompt: "x --stylize 1000" });
    expect(result.warnings[0]!.message).toBe(
      'test ignores guidance. (from "--stylize 1000" in the prompt)',
    );
  });

  it("warns about --quality and --style on a model with no such setting", async () => {
    const { model } = recordingModel([]);
    const result = await generateImage({ model, prompt: "x --q 2 --style raw" });
    expect(result.warnings.map((warning) => warning.setting)).toEqual(["--q", "--style"]);
  });

  it("labels pictures only with seeds the provider honoured", async () => {
    const { model } = recordingModel([]);
    const result = await generateImage({ model, prompt: "x --seed 5" });
    expect(result.images[0]!.seed).toBeUndefined();
    expect(result.request.seed).toBe(5);
  });

  it("refuses --ar 0:5 before calling anything", async () => {
    const { model, calls } = recordingModel([]);
    await expect(generateImage({ model, prompt: "x --ar 0:5" })).rejects.toThrow(
      /Aspect ratio "0:5" is not usable/,
    );
    expect(calls).toHaveLength(0);
  });

  it("refuses a prompt that is only flags", async () => {
    const { model } = recordingModel([]);
    await expect(generateImage({ model, prompt: "--ar 3:4 --seed 1" })).rejects.toThrow(
      /prompt is empty/,
    );
  });
});

describe("generateImage with a size and a ratio", () => {
  it("uses the size and says the ratio was not used", async () => {
    const { model, calls } = recordingModel([]);
    const result = await generateImage({
      model,
      prompt: "x",
      size: "512x512",
      aspectRatio: "16:9",
    });
    expect(calls[0]).toMatchObject({ size: { width: 512, height: 512 }, aspectRatio: undefined });
    expect(result.warnings[0]!.message).toBe(
      "aspectRatio 16:9 was not used: the size option sets the size.",
    );
  });

  it("sizes a ratio exactly in the model's size step, and warns when it cannot", async () => {
    const stable = recordingModel([]);
    await generateImage({ model: { ...stable.model, sizeStep: 8 }, prompt: "x --ar 3:2" });
    expect(stable.calls[0]).toMatchObject({
      size: { width: 1248, height: 832 },
      aspectRatio: "3:2",
    });
    const other = recordingModel([]);
    const result = await generateImage({ model: other.model, prompt: "x", aspectRatio: "16:9" });
    expect(other.calls[0]!.size).toEqual({ width: 1344, height: 768 });
    expect(result.request.size).toEqual({ width: 1344, height: 768 });
    expect(result.warnings.map((warning) => warning.setting)).toEqual(["aspectRatio"]);
    expect(result.warnings[0]!.message).toMatch(/16:9 cannot be made exactly .* 1344x768/);
  });

  it("lets a --size flag beat an --ar flag, and says so", async () => {
    const { model, calls } = recordingModel([]);
    const result = await generateImage({ model, prompt: "x --ar 3:4 --size 640x640" });
    expect(calls[0]!.size).toEqual({ width: 640, height: 640 });
    expect(result.warnings[0]!.message).toBe(
      '"--ar 3:4" in the prompt was not used: "--size 640x640" sets the size.',
    );
  });
});
