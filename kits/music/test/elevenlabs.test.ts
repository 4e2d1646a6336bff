/**
 * ElevenLabs end to end: `song`, `clone` and `voices` as child processes against the fake
 * ElevenLabs (composition plan on /v1/music, instant cloning on /v1/voices/add, /v1/voices).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeAudio } from "@path/core";
import { type FakeElevenLabs, fakeWav, startFakeElevenLabs } from "@path/testing";
import NodeID3 from "node-id3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runMusic } from "./run-music.js";

const ELEVENLABS_API_KEY = "sk_elevenlabs_kit";
const speechModel = "elevenlabs:eleven_multilingual_v2";
/** lamejs's encoder delay and last-frame padding: up to two frames (1152 samples at 44.1 kHz). */
const mp3Frame = (2 * 1152) / 44100;
let elevenlabs: FakeElevenLabs;
let folder: string;

beforeAll(async () => {
  elevenlabs = await startFakeElevenLabs({ apiKey: ELEVENLABS_API_KEY });
});
afterAll(async () => {
  await elevenlabs?.close();
});
beforeEach(async () => {
  elevenlabs.server.reset();
  folder = await mkdtemp(join(tmpdir(), "music-elevenlabs-"));
  return () => rm(folder, { recursive: true, force: true });
});

const run = (args: string[]) =>
  runMusic(args, {
    cwd: folder,
    env: { ELEVENLABS_API_KEY, ELEVENLABS_BASE_URL: elevenlabs.url, TMPDIR: folder },
  });
const sent = (path: string) =>
  elevenlabs.server.requests.filter((request) => request.path === path);

describe("song with elevenlabs:music_v1", () => {
  it("sends the lyrics as a composition plan of the asked length, saves an MP3 with sidecar and ID3", async () => {
    await writeFile(
      join(folder, "lyrics.md"),
      "# 小龙\n\nStyle: c-pop, 110 bpm\n\n[Verse]\n春节里一条小龙\n摇着尾巴笑\n\n[Chorus]\n红灯笼高高挂\n",
    );
    const result = await run([
      "song",
      "lyrics.md",
      "--model",
      "elevenlabs:music_v1",
      "--duration",
      "30",
      "--seed",
      "5",
    ]);
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);

    const [request] = sent("/v1/music");
    expect(request?.query.output_format).toBe("mp3_44100_128");
    const body = request?.body as {
      composition_plan: { positive_global_styles: string[]; sections: Record<string, unknown>[] };
      seed: number;
      model_id: string;
    };
    expect(body).toMatchObject({ model_id: "music_v1", seed: 5 });
    expect(body.composition_plan.positive_global_styles).toEqual(["c-pop, 110 bpm"]);
    expect(body.composition_plan.sections).toMatchObject([
      { section_name: "Verse", duration_ms: 20_000, lines: ["春节里一条小龙", "摇着尾巴笑"] },
      { section_name: "Chorus", duration_ms: 10_000, lines: ["红灯笼高高挂"] },
    ]);

    const songPath = result.stdout.trim();
    expect(songPath).toMatch(/output\/song-\d{4}-\d\d-\d\d-小龙\.mp3$/);
    const bytes = await readFile(songPath);
    const decoded = await decodeAudio(bytes, songPath);
    expect(decoded.container).toBe("MPEG");
    expect(Math.abs(decoded.durationSeconds - 30)).toBeLessThanOrEqual(mp3Frame);

    const sidecar = JSON.parse(await readFile(songPath.replace(/\.mp3$/, ".json"), "utf8"));
    expect(sidecar).toMatchObject({
      kind: "song",
      title: "小龙",
      style: "c-pop, 110 bpm",
      lyrics: "[Verse]\n春节里一条小龙\n摇着尾巴笑\n\n[Chorus]\n红灯笼高高挂",
      provider: "elevenlabs",
      model: "music_v1",
      seed: 5,
      askedDurationSeconds: 30,
      format: "mp3",
      warnings: [],
    });
    const tags = NodeID3.read(bytes);
    expect(tags.artist).toBe("elevenlabs:music_v1");
    expect(tags.title).toBe("小龙");
    expect(tags.unsynchronisedLyrics?.text).toBe(sidecar.lyrics);

    const info = await run(["info", songPath]);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/^model {5}elevenlabs:music_v1$/m);
    expect(info.stdout).toMatch(/^seed {6}5$/m);
  });
});

describe("clone with elevenlabs", () => {
  it("clones the clip once, speaks with the new voice and prints it for reuse", async () => {
    await writeFile(join(folder, "me.wav"), fakeWav({ durationSeconds: 12, sampleRate: 16000 }));
    const result = await run([
      "clone",
      "--reference",
      "me.wav",
      "Hello in my own voice.",
      "--model",
      speechModel,
    ]);
    expect(result.code).toBe(0);
    expect(sent("/v1/voices/add")).toHaveLength(1);
    const [voice] = elevenlabs.clonedVoices;
    expect(voice).toBeDefined();
    expect(sent(`/v1/text-to-speech/${voice}`)).toHaveLength(1);
    expect(result.stderr).toContain(
      `cloned voice: ${voice} (kept on your elevenlabs account). Reuse it without cloning again: npm run music -- speak "…" --model ${speechModel} --voice ${voice}`,
    );
    const path = result.stdout.trim();
    const decoded = await decodeAudio(await readFile(path), path);
    expect(decoded.durationSeconds).toBeGreaterThan(1);
    const sidecar = JSON.parse(await readFile(path.replace(/\.\w+$/, ".json"), "utf8"));
    expect(sidecar).toMatchObject({ kind: "clone", clonedVoice: voice, provider: "elevenlabs" });

    const again = await run([
      "speak",
      "Again, no cloning.",
      "--model",
      speechModel,
      "--voice",
      voice!,
    ]);
    expect(again.code).toBe(0);
    expect(sent("/v1/voices/add")).toHaveLength(1);
  });
});

describe("voices with elevenlabs", () => {
  it("lists the premade voices and marks the account's clones", async () => {
    await writeFile(join(folder, "me.wav"), fakeWav({ durationSeconds: 12, sampleRate: 16000 }));
    const clone = await run(["clone", "--reference", "me.wav", "Hi.", "--model", speechModel]);
    expect(clone.code).toBe(0);
    const voice = elevenlabs.clonedVoices.at(-1);

    const result = await run(["voices", "--model", speechModel, "--json"]);
    expect(result.code).toBe(0);
    const voices = JSON.parse(result.stdout) as { id: string; name: string; cloned?: boolean }[];
    expect(voices.find((entry) => entry.name === "Rachel")).toMatchObject({
      id: "21m00Tcm4TlvDq8ikWAM",
    });
    expect(voices.find((entry) => entry.id === voice)).toMatchObject({ cloned: true });

    const table = await run(["voices", "--model", speechModel]);
    expect(table.stdout).toMatch(/^21m00Tcm4TlvDq8ikWAM\s+Rachel\s/m);
    expect(table.stderr).toMatch(
      /use one with: .*--model elevenlabs:eleven_multilingual_v2 --voice/,
    );
  });

  it("without a key: one line naming ELEVENLABS_API_KEY, nothing sent", async () => {
    const result = await runMusic(["voices", "--model", speechModel], {
      cwd: folder,
      env: { ELEVENLABS_BASE_URL: elevenlabs.url },
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n").at(-1)).toMatch(/^error: .*ELEVENLABS_API_KEY/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(elevenlabs.server.requests).toHaveLength(0);
  });
});
