import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fakeMp3, fakeWav, useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import type { AudioGenerateResult, SpeechCallOptions, SpeechModel } from "../spec/index.js";
import { generateSpeech } from "./generate-speech.js";
import { readReferenceAudio } from "./reference-audio.js";

const folder = useTempDir("reference-audio-");
const limits = { minSeconds: 3, maxSeconds: 20, formats: ["wav", "mp3"] };

function cloningModel(): SpeechModel & { calls: SpeechCallOptions[] } {
  const calls: SpeechCallOptions[] = [];
  return {
    specVersion: "v1",
    provider: "test",
    modelId: "clone",
    referenceAudio: limits,
    calls,
    async doGenerate(options): Promise<AudioGenerateResult> {
      calls.push(options);
      return {
        audio: { data: fakeWav({ durationSeconds: 1 }) },
        warnings: [],
        clonedVoice: "voice-1",
      };
    },
  };
}

describe("readReferenceAudio", () => {
  it("reads a clip from a file and from bytes", async () => {
    const path = join(folder(), "me.wav");
    await writeFile(path, fakeWav({ durationSeconds: 5 }));
    expect((await readReferenceAudio(path, limits, "test:clone")).mediaType).toBe("audio/wav");
    const mp3 = await readReferenceAudio(fakeMp3({ durationSeconds: 5 }), limits, "test:clone");
    expect(mp3.mediaType).toBe("audio/mpeg");
  });

  it("refuses what is not a usable recording, each in one line", async () => {
    const cases: [Uint8Array | string, RegExp][] = [
      [new TextEncoder().encode("hello, not audio"), /not a usable recording/],
      [fakeWav({ durationSeconds: 1 }), /1\.0 s long; test:clone needs a clip of 3 to 20 s/],
      [fakeWav({ durationSeconds: 30 }), /30\.0 s long/],
      [join(folder(), "missing.wav"), /Cannot read the reference clip/],
    ];
    for (const [clip, message] of cases) {
      await expect(readReferenceAudio(clip, limits, "test:clone")).rejects.toThrow(message);
    }
    const empty = join(folder(), "empty.wav");
    await writeFile(empty, "");
    await expect(readReferenceAudio(empty, limits, "test:clone")).rejects.toThrow(/is empty/);
    const directory = join(folder(), "clips");
    await mkdir(directory);
    await expect(readReferenceAudio(directory, limits, "test:clone")).rejects.toThrow(
      /is a folder/,
    );
    await expect(
      readReferenceAudio(
        fakeMp3({ durationSeconds: 5 }),
        { ...limits, formats: ["wav"] },
        "test:clone",
      ),
    ).rejects.toThrow(/takes reference clips as wav, not mp3/);
  });
});

describe("generateSpeech with a reference clip", () => {
  it("passes the checked clip and its transcript, and returns the voice the provider made", async () => {
    const model = cloningModel();
    const result = await generateSpeech({
      model,
      text: "这是我复刻的声音",
      referenceAudio: fakeWav({ durationSeconds: 5 }),
      referenceText: "hello",
    });
    expect(model.calls[0]?.referenceAudio?.mediaType).toBe("audio/wav");
    expect(model.calls[0]?.referenceText).toBe("hello");
    expect(result.clonedVoice).toBe("voice-1");
  });

  it("refuses a bad clip before calling the model, and a model that cannot clone", async () => {
    const model = cloningModel();
    await expect(
      generateSpeech({ model, text: "hi", referenceAudio: fakeWav({ durationSeconds: 1 }) }),
    ).rejects.toThrow(InvalidInputError);
    expect(model.calls).toEqual([]);
    const plain = { ...cloningModel(), referenceAudio: undefined };
    await expect(
      generateSpeech({ model: plain, text: "hi", referenceAudio: fakeWav({ durationSeconds: 5 }) }),
    ).rejects.toThrow(/cannot copy a voice/);
  });
});
