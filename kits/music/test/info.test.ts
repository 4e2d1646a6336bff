/** `info` on files the music kit saved: the provenance from the sidecar, else from the MP3's ID3 tags. */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeAudio, GeneratedAudio } from "@path/core";
import { fakeMp3, fakeWav, useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { saveAudio } from "../src/shared/save-audio.js";
import { runMusic } from "./run-music.js";

const folder = useTempDir("music-info-");

async function savedSong(bytes: Uint8Array, format: string) {
  const decoded = await decodeAudio(bytes, "song");
  const result = {
    audio: new GeneratedAudio(bytes, decoded),
    warnings: [],
    provider: "minimax",
    modelId: "music-1.5",
    durationMs: 900,
    seed: 3,
  };
  return saveAudio(
    result,
    {
      kind: "song",
      title: "小龙过年",
      prompt: "c-pop",
      style: "c-pop",
      lyrics: "[Verse]\n春节里一条小龙",
      durationSeconds: 4,
      format,
      cost: { amount: 0.15, currency: "CNY" },
    },
    folder(),
  );
}

describe("info", () => {
  it("reads the provenance from an MP3's ID3 tags when the sidecar is gone", async () => {
    const saved = await savedSong(fakeMp3({ durationSeconds: 4 }), "mp3");
    await rm(saved.sidecarPath);
    const json = await runMusic(["info", saved.path, "--json"], { cwd: folder() });
    expect(json.code).toBe(0);
    const info = JSON.parse(json.stdout);
    expect(info).toMatchObject({
      container: "MPEG",
      sidecarPath: null,
      provenanceFrom: "id3",
      sidecar: {
        kind: "song",
        style: "c-pop",
        model: "music-1.5",
        seed: 3,
        askedDurationSeconds: 4,
      },
    });
    const text = await runMusic(["info", saved.path], { cwd: folder() });
    expect(text.stdout).toMatch(/^title {5}小龙过年$/m);
    expect(text.stdout).toMatch(/^lyrics {4}\[Verse\]\n {10}春节里一条小龙$/m);
    expect(text.stdout).toMatch(/^model {5}minimax:music-1\.5$/m);
    expect(text.stdout).toMatch(/^asked {5}4 s$/m);
    expect(text.stdout).toMatch(/^cost {6}¥0\.15$/m);
    expect(text.stdout).toMatch(/^what made ID3 tags in the file$/m);
  });

  it("prefers the sidecar, and shows only what the file is when it has neither", async () => {
    const saved = await savedSong(fakeWav({ durationSeconds: 1 }), "wav");
    const withSidecar = JSON.parse(
      (await runMusic(["info", saved.path, "--json"], { cwd: folder() })).stdout,
    );
    expect(withSidecar).toMatchObject({
      provenanceFrom: "sidecar",
      sidecarPath: saved.sidecarPath,
    });
    const bare = join(folder(), "bare.mp3");
    await writeFile(bare, fakeMp3({ durationSeconds: 1 }));
    const result = await runMusic(["info", bare], { cwd: folder() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^container MPEG$/m);
    expect(result.stdout).not.toMatch(/^(model|what made)/m);
  });
});
