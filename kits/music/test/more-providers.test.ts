/**
 * Quests end to end on the providers landed last: ElevenLabs (song, clone, voices) and Gradio
 * apps (compose on an ACE-Step-like app, clone on an F5-TTS-like one), as child processes.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeAudio } from "@path/core";
import {
  type FakeElevenLabs,
  type FakeGradio,
  fakeWav,
  startFakeElevenLabs,
  startFakeGradio,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runMusic } from "./run-music.js";

const ELEVENLABS_API_KEY = "sk_elevenlabs_kit";
/** lamejs MP3s decode up to two frames (1152 samples each at 44.1 kHz) longer than asked. */
const twoFrames = (2 * 1152) / 44100;
let elevenlabs: FakeElevenLabs;
let music: FakeGradio;
let voice: FakeGradio;
let folder: string;

beforeAll(async () => {
  [elevenlabs, music, voice] = await Promise.all([
    startFakeElevenLabs({ apiKey: ELEVENLABS_API_KEY }),
    startFakeGradio({ kind: "text-to-music" }),
    startFakeGradio({ kind: "voice-clone" }),
  ]);
});
afterAll(async () => {
  await Promise.all([elevenlabs?.close(), music?.close(), voice?.close()]);
});
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "music-providers-"));
  return () => rm(folder, { recursive: true, force: true });
});

const run = (args: string[]) =>
  runMusic(args, {
    cwd: folder,
    env: { ELEVENLABS_API_KEY, ELEVENLABS_BASE_URL: elevenlabs.url },
  });

async function saved(stdout: string) {
  const path = stdout.trim().split("\n")[0]!;
  const decoded = await decodeAudio(await readFile(path), path);
  const sidecar = JSON.parse(await readFile(path.replace(/\.\w+$/, ".json"), "utf8"));
  return { path, decoded, sidecar };
}

describe("ElevenLabs", () => {
  it("sings a lyrics file as a composition plan, an MP3 of the asked length with its provenance", async () => {
    const lyrics = join(folder, "lyrics.md");
    await writeFile(
      lyrics,
      "# 小龙\n\n[Verse]\n小龙飞过天空\n带来新年的风\n\n[Chorus]\n恭喜恭喜\n",
    );
    const result = await run([
      "song",
      lyrics,
      "--style",
      "upbeat c-pop, 110 bpm",
      "--duration",
      "20",
      "--model",
      "elevenlabs:music_v1",
    ]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const body = elevenlabs.server.requests.find((request) => request.path === "/v1/music")
      ?.body as {
      composition_plan: { sections: { section_name: string; lines: string[] }[] };
    };
    expect(body.composition_plan.sections.map((section) => section.section_name)).toEqual([
      "Verse",
      "Chorus",
    ]);
    const { decoded, sidecar } = await saved(result.stdout);
    expect(decoded.mediaType).toBe("audio/mpeg");
    expect(Math.abs(decoded.durationSeconds - 20)).toBeLessThanOrEqual(twoFrames);
    expect(sidecar).toMatchObject({ provider: "elevenlabs", model: "music_v1" });
  });

  it("clones a voice from a clip and prints how to reuse it, then lists it among the voices", async () => {
    const clip = join(folder, "me.wav");
    await writeFile(clip, fakeWav({ durationSeconds: 6 }));
    const result = await run([
      "clone",
      "--reference",
      clip,
      "这是我复刻的声音",
      "--model",
      "elevenlabs",
    ]);
    expect(result.code).toBe(0);
    const id = elevenlabs.clonedVoices.at(-1)!;
    expect(result.stderr).toContain(`--voice ${id}`);
    const { decoded } = await saved(result.stdout);
    expect(decoded.durationSeconds).toBeGreaterThan(0);
    const voices = await run(["voices", "--model", "elevenlabs", "--json"]);
    expect(voices.code).toBe(0);
    expect(voices.stdout).toContain(id);
  });
});

describe("Gradio apps", () => {
  it("composes on an ACE-Step-like app: a WAV of the asked length", async () => {
    const result = await run([
      "compose",
      "lofi hip hop, 80 bpm",
      "--duration",
      "8",
      "--seed",
      "5",
      "--model",
      `gradio:${music.url}`,
    ]);
    expect(result.code).toBe(0);
    const { decoded, sidecar } = await saved(result.stdout);
    expect(decoded.mediaType).toBe("audio/wav");
    expect(decoded.durationSeconds).toBeCloseTo(8, 2);
    expect(sidecar).toMatchObject({ provider: "gradio", seed: 5 });
  });

  it("clones a voice on an F5-TTS-like app, and refuses a clip that is not audio in one line", async () => {
    const clip = join(folder, "me.wav");
    await writeFile(clip, fakeWav({ durationSeconds: 5 }));
    const result = await run([
      "clone",
      "--reference",
      clip,
      "--reference-text",
      "hello",
      "再说一句。",
      "--model",
      `gradio:${voice.url}`,
    ]);
    expect(result.code).toBe(0);
    expect((await saved(result.stdout)).decoded.mediaType).toBe("audio/wav");
    const notAudio = join(folder, "notes.txt");
    await writeFile(notAudio, "these are notes, not a recording");
    const refused = await run([
      "clone",
      "--reference",
      notAudio,
      "hi",
      "--model",
      `gradio:${voice.url}`,
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/not a usable recording/);
  });
});
