import { fakeWav } from "@path/testing";
import { describe, expect, it } from "vitest";
import { InvalidInputError, MediaError } from "../errors.js";
import type { AudioGenerateResult, SpeechCallOptions, SpeechModel } from "../spec/index.js";
import { generateSpeech } from "./generate-speech.js";

/** A speech model that answers the given bytes and records what it was asked. */
function modelAnswering(bytes: Uint8Array): SpeechModel & { calls: SpeechCallOptions[] } {
  const calls: SpeechCallOptions[] = [];
  return {
    specVersion: "v1",
    provider: "test",
    modelId: "bytes",
    calls,
    async doGenerate(options): Promise<AudioGenerateResult> {
      calls.push(options);
      return { audio: { data: bytes }, warnings: [] };
    },
  };
}

describe("generateSpeech", () => {
  it("decodes the audio before handing it back: container, duration, sample rate, channels", async () => {
    const model = modelAnswering(fakeWav({ durationSeconds: 1.5, sampleRate: 24000 }));
    const { audio, warnings } = await generateSpeech({ model, text: " Hello. ", voice: "alloy" });
    expect(audio.mediaType).toBe("audio/wav");
    expect(audio.container).toBe("WAVE");
    expect(audio.durationSeconds).toBeCloseTo(1.5, 3);
    expect(audio.sampleRate).toBe(24000);
    expect(audio.channels).toBe(1);
    expect(warnings).toEqual([]);
    expect(model.calls[0]).toMatchObject({ text: "Hello.", voice: "alloy" });
  });

  it("refuses empty text before calling the model", async () => {
    const model = modelAnswering(fakeWav({ durationSeconds: 1 }));
    await expect(generateSpeech({ model, text: "  " })).rejects.toThrow(InvalidInputError);
    expect(model.calls).toEqual([]);
  });

  it("refuses a speed outside 0.25 to 4", async () => {
    const model = modelAnswering(fakeWav({ durationSeconds: 1 }));
    await expect(generateSpeech({ model, text: "hi", speed: 5 })).rejects.toThrow(
      /speed must be from 0.25 to 4/,
    );
    await expect(generateSpeech({ model, text: "hi", speed: 0 })).rejects.toThrow(
      InvalidInputError,
    );
  });

  it("refuses a truncated WAV", async () => {
    const wav = fakeWav({ durationSeconds: 1 });
    const model = modelAnswering(wav.subarray(0, wav.length / 2));
    await expect(generateSpeech({ model, text: "hi", maxRetries: 0 })).rejects.toThrow(
      /truncated audio\/wav/,
    );
  });

  it("refuses an HTML page and an empty answer", async () => {
    const html = new TextEncoder().encode("<!doctype html><title>Bad gateway</title>");
    await expect(
      generateSpeech({ model: modelAnswering(html), text: "hi", maxRetries: 0 }),
    ).rejects.toThrow(/not audio \(they start with "<!doctype html>/);
    await expect(
      generateSpeech({ model: modelAnswering(new Uint8Array(0)), text: "hi", maxRetries: 0 }),
    ).rejects.toThrow(MediaError);
  });

  it("warns when the audio is not in the format asked for", async () => {
    const model = modelAnswering(fakeWav({ durationSeconds: 1 }));
    const { warnings } = await generateSpeech({ model, text: "hi", format: "mp3" });
    expect(warnings).toEqual([
      {
        type: "unsupported-setting",
        setting: "format",
        message: "test:bytes returned wav, not mp3.",
      },
    ]);
  });
});
