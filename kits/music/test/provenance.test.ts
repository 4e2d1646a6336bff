import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeAudio, GeneratedAudio, type GenerateMusicResult } from "@path/core";
import { fakeMp3, fakeWav, useTempDir } from "@path/testing";
import NodeID3 from "node-id3";
import { describe, expect, it } from "vitest";
import { provenanceFrame, readMp3Provenance } from "../src/shared/id3.js";
import { saveAudio } from "../src/shared/save-audio.js";

async function musicResult(bytes: Uint8Array, extra: Partial<GenerateMusicResult> = {}) {
  const decoded = await decodeAudio(bytes, "test");
  return {
    audio: new GeneratedAudio(bytes, decoded),
    warnings: [],
    provider: "hf",
    modelId: "ACE-Step/ACE-Step-v1-3.5B",
    durationMs: 1234,
    seed: 42,
    ...extra,
  } satisfies GenerateMusicResult;
}

const lyrics = "[Verse]\n春节里一条小龙\n\n[Chorus]\n红灯笼";

describe("saveAudio", () => {
  const folder = useTempDir("music-provenance-");

  it("tags an MP3 (title, artist = model, USLT lyrics, provenance in TXXX) and the tagged file still decodes the same", async () => {
    const mp3 = fakeMp3({ durationSeconds: 6 });
    const result = await musicResult(mp3);
    const saved = await saveAudio(
      result,
      {
        kind: "song",
        title: "小龙过年",
        prompt: "c-pop",
        style: "c-pop",
        lyrics,
        durationSeconds: 6,
        seed: 42,
        format: "mp3",
      },
      folder(),
    );
    expect(saved.path).toMatch(/song-\d{4}-\d\d-\d\d-小龙过年\.mp3$/);
    const bytes = await readFile(saved.path);
    const tags = NodeID3.read(bytes);
    expect(tags.title).toBe("小龙过年");
    expect(tags.artist).toBe("hf:ACE-Step/ACE-Step-v1-3.5B");
    expect(tags.unsynchronisedLyrics).toMatchObject({ language: "zho", text: lyrics });
    expect(tags.userDefinedText?.map((frame) => frame.description)).toContain(provenanceFrame);
    expect(readMp3Provenance(bytes)).toEqual(saved.sidecar);
    const decoded = await decodeAudio(bytes, saved.path);
    expect(decoded.durationSeconds).toBeCloseTo(result.audio.durationSeconds, 3);
  });

  it("writes every provenance field to the sidecar, null where unknown", async () => {
    const result = await musicResult(fakeMp3({ durationSeconds: 3 }), {
      warnings: [{ type: "other", setting: "durationSeconds", message: "made 3 s, not 5" }],
    });
    const saved = await saveAudio(
      result,
      {
        kind: "song",
        prompt: "lofi",
        style: "lofi",
        lyrics,
        durationSeconds: 5,
        seed: 42,
        format: "mp3",
      },
      folder(),
    );
    const sidecar = JSON.parse(await readFile(saved.sidecarPath, "utf8"));
    expect(sidecar).toMatchObject({
      kind: "song",
      prompt: "lofi",
      style: "lofi",
      lyrics,
      voice: null,
      provider: "hf",
      model: "ACE-Step/ACE-Step-v1-3.5B",
      seed: 42,
      askedDurationSeconds: 5,
      askedFormat: "mp3",
      format: "mp3",
      container: "MPEG",
      sampleRate: 44100,
      channels: 1,
      cost: null,
      clonedVoice: null,
      warnings: ["made 3 s, not 5"],
    });
    expect(sidecar.durationSeconds).toBeCloseTo(3, 1);
    expect(Date.parse(sidecar.createdAt)).not.toBeNaN();
  });

  it("leaves a WAV's bytes as made, keeps a cloned voice id, and never overwrites", async () => {
    const wav = fakeWav({ durationSeconds: 1 });
    const result = {
      ...(await musicResult(wav)),
      provider: "minimax",
      modelId: "speech-02-hd",
      clonedVoice: "my-voice-1",
    };
    const settings = { kind: "clone", text: "你好", voice: "my-voice-1", referenceAudio: "me.wav" };
    const first = await saveAudio(result, settings, folder());
    const second = await saveAudio(result, settings, folder());
    expect(second.path).not.toBe(first.path);
    expect(new Uint8Array(await readFile(first.path))).toEqual(new Uint8Array(wav));
    expect(first.sidecar).toMatchObject({
      kind: "clone",
      clonedVoice: "my-voice-1",
      referenceAudio: "me.wav",
      voice: "my-voice-1",
    });
  });

  it("saves into the recovery folder when the folder cannot be written", async () => {
    const result = await musicResult(fakeMp3({ durationSeconds: 1 }));
    const blocked = join(folder(), "a-file");
    await writeFile(blocked, "x");
    const saved = await saveAudio(result, { kind: "song", prompt: "x", lyrics }, blocked);
    expect(saved.recovered).toBeTruthy();
    expect(saved.path.startsWith(blocked)).toBe(false);
    expect((await decodeAudio(await readFile(saved.path), saved.path)).container).toBe("MPEG");
    await Promise.all([rm(saved.path), rm(saved.sidecarPath)]);
  });
});
