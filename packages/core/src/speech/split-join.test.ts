import { fakeMp3, fakeWav } from "@path/testing";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import type { AudioGenerateResult, SpeechCallOptions, SpeechModel } from "../spec/index.js";
import { decodeAudio } from "./decode-audio.js";
import { generateSpeech } from "./generate-speech.js";
import { joinAudioParts } from "./join-audio.js";
import { splitSpeechText } from "./split-text.js";

/** A model that reads at most `maxTextLength` characters, 0.1 s per character. */
function limitedModel(
  maxTextLength: number,
  make: (seconds: number) => Uint8Array = (seconds) => fakeWav({ durationSeconds: seconds }),
): SpeechModel & { calls: SpeechCallOptions[] } {
  const calls: SpeechCallOptions[] = [];
  return {
    specVersion: "v1",
    provider: "test",
    modelId: "limited",
    maxTextLength,
    calls,
    async doGenerate(options): Promise<AudioGenerateResult> {
      calls.push(options);
      if (options.text.length > maxTextLength) throw new Error(`too long: ${options.text.length}`);
      return { audio: { data: make(options.text.length * 0.1) }, warnings: [] };
    },
  };
}

describe("splitSpeechText", () => {
  it("keeps short text whole", () => {
    expect(splitSpeechText("Hello there.", 50)).toEqual(["Hello there."]);
  });

  it("splits English at sentence ends, each part within the limit", () => {
    const text = "The first sentence is here. The second one follows! Is this the third? Yes.";
    const parts = splitSpeechText(text, 40);
    expect(parts).toEqual([
      "The first sentence is here.",
      "The second one follows!",
      "Is this the third? Yes.",
    ]);
    expect(parts.every((part) => part.length <= 40)).toBe(true);
    expect(parts.every((part) => /[.!?]$/.test(part))).toBe(true);
    expect(parts.join(" ")).toBe(text);
  });

  it("splits 中文 at 。！？； and keeps every character", () => {
    const text = "春节到了，家家户户贴春联。小龙在天上飞！它会带来好运吗？当然会；大家都很开心。";
    const parts = splitSpeechText(text, 15);
    expect(parts.every((part) => part.length <= 15)).toBe(true);
    expect(parts.every((part) => /[。！？；]$/.test(part))).toBe(true);
    expect(parts.join("")).toBe(text);
  });

  it("cuts a sentence longer than the limit at commas, then spaces, then anywhere", () => {
    const clauses = splitSpeechText("一二三四五六七八，九十一二三四五六。", 10);
    expect(clauses).toEqual(["一二三四五六七八，", "九十一二三四五六。"]);
    const words = splitSpeechText("alpha beta gamma delta epsilon zeta eta theta", 20);
    expect(words.every((part) => part.length <= 20)).toBe(true);
    expect(words.join(" ")).toBe("alpha beta gamma delta epsilon zeta eta theta");
    const solid = splitSpeechText("x".repeat(25), 10);
    expect(solid).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });
});

describe("joinAudioParts", () => {
  it("joins WAVs into one whose length is the parts plus a short pause between each", async () => {
    const joined = joinAudioParts(
      [fakeWav({ durationSeconds: 1 }), fakeWav({ durationSeconds: 2 })],
      "audio/wav",
    );
    const decoded = await decodeAudio(joined, "test");
    expect(decoded.durationSeconds).toBeCloseTo(3.15, 2);
  });

  it("fades each edge so the join does not click: no sample jump at the seam", () => {
    // 1000 Hz at 24 kHz ends mid-wave: a plain concatenation jumps by a large step there.
    const part = fakeWav({ durationSeconds: 0.51, frequency: 1000 });
    const joined = Buffer.from(joinAudioParts([part, part], "audio/wav"));
    const samples = new Int16Array(joined.buffer, joined.byteOffset + 44, (joined.length - 44) / 2);
    const seamStart = Math.round(0.51 * 24000);
    const around = samples.slice(seamStart - 3, seamStart + Math.round(0.15 * 24000) + 3);
    const largestStep = Math.max(
      ...around.slice(1).map((value, index) => Math.abs(value - around[index]!)),
    );
    expect(largestStep).toBeLessThan(200);
    const plain = Buffer.concat([part, part.subarray(44)]);
    const plainSamples = new Int16Array(
      plain.buffer,
      plain.byteOffset + 44,
      (plain.length - 44) / 2,
    );
    expect(Math.abs(plainSamples[seamStart]! - plainSamples[seamStart - 1]!)).toBeGreaterThan(1000);
  });

  it("joins MP3s frame by frame, dropping tags, into one that plays to the end", async () => {
    const tagged = Buffer.concat([
      Buffer.from("ID3\x03\x00\x00\x00\x00\x00\x0a", "latin1"),
      Buffer.alloc(10),
      fakeMp3({ durationSeconds: 1.5 }),
    ]);
    const joined = joinAudioParts([fakeMp3({ durationSeconds: 1 }), tagged], "audio/mpeg");
    const decoded = await decodeAudio(joined, "test");
    expect(decoded.mediaType).toBe("audio/mpeg");
    expect(decoded.durationSeconds).toBeGreaterThan(2.4);
    expect(decoded.durationSeconds).toBeLessThan(2.7);
  });

  it("refuses a container it cannot join", () => {
    expect(() => joinAudioParts([new Uint8Array(4)], "audio/ogg")).toThrow(/ask for wav or mp3/);
  });
});

describe("generateSpeech with text longer than the model takes", () => {
  it("reads it in parts at sentence ends and returns one joined WAV, with progress per part", async () => {
    const model = limitedModel(30);
    const fractions: number[] = [];
    const text = "第一句话在这里。第二句话也在这里。第三句话是最后一句，它更长一些。";
    const { audio } = await generateSpeech({
      model,
      text,
      onProgress: (p) => p.fraction !== undefined && fractions.push(p.fraction),
    });
    expect(model.calls.length).toBeGreaterThan(1);
    expect(model.calls.every((call) => call.text.length <= 30)).toBe(true);
    expect(model.calls.map((call) => call.text).join("")).toBe(text);
    const expected = text.length * 0.1 + (model.calls.length - 1) * 0.15;
    expect(audio.durationSeconds).toBeCloseTo(expected, 1);
    expect(fractions.at(-1)).toBe(1);
  });

  it("joins MP3 parts when MP3 is asked for", async () => {
    const model = limitedModel(20, (seconds) => fakeMp3({ durationSeconds: seconds }));
    const text = "One short sentence. Another short one. And a third.";
    const { audio } = await generateSpeech({ model, text, format: "mp3" });
    expect(audio.mediaType).toBe("audio/mpeg");
    expect(audio.durationSeconds).toBeGreaterThan(
      text.replace(/ (?=[A-Z])/g, "").length * 0.1 - 0.3,
    );
  });

  it("refuses a format whose parts it cannot join, before any call", async () => {
    const model = limitedModel(10);
    await expect(
      generateSpeech({ model, text: "Hello there. Goodbye now.", format: "opus" }),
    ).rejects.toThrow(InvalidInputError);
    expect(model.calls).toEqual([]);
  });
});
