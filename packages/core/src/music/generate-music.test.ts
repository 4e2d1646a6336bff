import { fakeMp3, fakeWav } from "@path/testing";
import { describe, expect, it } from "vitest";
import { InvalidInputError, MediaError } from "../errors.js";
import type { AudioGenerateResult, MusicCallOptions, MusicModel } from "../spec/index.js";
import { generateMusic } from "./generate-music.js";

/** A music model that answers `make(options)` and records what it was asked. */
function fakeModel(
  traits: Partial<Pick<MusicModel, "maxDurationSeconds" | "sings">> = {},
  make: (options: MusicCallOptions) => Uint8Array = (options) =>
    fakeMp3({ durationSeconds: options.durationSeconds ?? 5 }),
): MusicModel & { calls: MusicCallOptions[] } {
  const calls: MusicCallOptions[] = [];
  return {
    specVersion: "v1",
    provider: "test",
    modelId: "tones",
    ...traits,
    calls,
    async doGenerate(options): Promise<AudioGenerateResult> {
      calls.push(options);
      options.onProgress?.({ fraction: 0.5, message: "halfway" });
      return { audio: { data: make(options) }, warnings: [], seed: 99 };
    },
  };
}

describe("generateMusic", () => {
  it("decodes the piece and hands back what made it", async () => {
    const model = fakeModel({ sings: true });
    const progress: (string | undefined)[] = [];
    const result = await generateMusic({
      model,
      prompt: " c-pop, 110 bpm ",
      lyrics: "[Verse]\nla la\n",
      durationSeconds: 6,
      onProgress: (update) => progress.push(update.message),
    });
    expect(model.calls[0]).toMatchObject({
      prompt: "c-pop, 110 bpm",
      lyrics: "[Verse]\nla la",
      durationSeconds: 6,
    });
    expect(result.audio.mediaType).toBe("audio/mpeg");
    expect(result.audio.durationSeconds).toBeCloseTo(6, 0);
    expect(result).toMatchObject({ provider: "test", modelId: "tones", seed: 99, warnings: [] });
    expect(progress).toEqual(["halfway"]);
  });

  it("refuses an empty prompt and a length that is not a positive number, before any call", async () => {
    const model = fakeModel();
    await expect(generateMusic({ model, prompt: "  " })).rejects.toThrow(/prompt is empty/);
    await expect(generateMusic({ model, prompt: "x", durationSeconds: 0 })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(
      generateMusic({ model, prompt: "x", durationSeconds: Number.NaN }),
    ).rejects.toThrow(InvalidInputError);
    expect(model.calls).toEqual([]);
  });

  it("refuses more than the model's longest piece with the numbers", async () => {
    const model = fakeModel({ maxDurationSeconds: 30 });
    await expect(generateMusic({ model, prompt: "x", durationSeconds: 45 })).rejects.toThrow(
      "test:tones makes at most 30 s in one piece; 45 s was asked.",
    );
    expect(model.calls).toEqual([]);
  });

  it("does not send lyrics to an instrumental model, and says so", async () => {
    const model = fakeModel({ sings: false });
    const { warnings } = await generateMusic({ model, prompt: "x", lyrics: "[Verse]\nla" });
    expect(model.calls[0]?.lyrics).toBeUndefined();
    expect(warnings.map((warning) => warning.setting)).toEqual(["lyrics"]);
  });

  it("warns when the piece is not the length asked for, or not the format", async () => {
    const model = fakeModel({}, () => fakeWav({ durationSeconds: 3 }));
    const { warnings } = await generateMusic({
      model,
      prompt: "x",
      durationSeconds: 10,
      format: "mp3",
    });
    expect(warnings.map((warning) => warning.setting).sort()).toEqual([
      "durationSeconds",
      "format",
    ]);
    expect(warnings.find((warning) => warning.setting === "durationSeconds")?.message).toMatch(
      /made 3\.0 s, not the 10 s/,
    );
  });

  it("refuses an HTML page or a cut WAV as a MediaError", async () => {
    const html = fakeModel({}, () => new TextEncoder().encode("<!doctype html><p>502</p>"));
    await expect(generateMusic({ model: html, prompt: "x", maxRetries: 0 })).rejects.toThrow(
      MediaError,
    );
    const wav = fakeWav({ durationSeconds: 2 });
    const cut = fakeModel({}, () => wav.subarray(0, wav.length / 2));
    await expect(generateMusic({ model: cut, prompt: "x", maxRetries: 0 })).rejects.toThrow(
      /truncated/,
    );
  });
});
