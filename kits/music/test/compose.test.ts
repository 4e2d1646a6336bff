/** `compose` end to end: the CLI as a child process against the fake Hugging Face (hf-inference and fal). */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeAudio } from "@path/core";
import { dateStamp } from "@path/kit-cli";
import {
  type FakeHuggingFace,
  type FakeMiniMax,
  startFakeHuggingFace,
  startFakeMiniMax,
} from "@path/testing";
import NodeID3 from "node-id3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runMusic } from "./run-music.js";

const HF_TOKEN = "hf_test_compose";
const MINIMAX_API_KEY = "mm-test-compose";
let hf: FakeHuggingFace;
let minimax: FakeMiniMax;
let folder: string;
beforeAll(async () => {
  [hf, minimax] = await Promise.all([
    startFakeHuggingFace({ token: HF_TOKEN }),
    startFakeMiniMax({ apiKey: MINIMAX_API_KEY, musicSeconds: 10 }),
  ]);
});
afterAll(async () => {
  await Promise.all([hf?.close(), minimax?.close()]);
});
beforeEach(async () => {
  hf.reset();
  minimax.api.reset();
  folder = await mkdtemp(join(tmpdir(), "music-compose-"));
  return () => rm(folder, { recursive: true, force: true });
});

const run = (args: string[]) =>
  runMusic(["compose", ...args], {
    cwd: folder,
    env: {
      HF_TOKEN,
      HF_ROUTER_URL: hf.origin,
      HF_ENDPOINT: hf.origin,
      MINIMAX_API_KEY,
      MINIMAX_BASE_URL: minimax.url,
    },
  });
const outputFile = (name: string) => join(folder, "output", `music-${dateStamp()}-${name}`);
/** MusicGen makes 50 audio frames a second. */
const oneFrame = 1 / 50;

async function pieceAt(path: string) {
  const bytes = await readFile(path);
  const decoded = await decodeAudio(bytes, path);
  const sidecar = JSON.parse(await readFile(path.replace(/\.\w+$/, ".json"), "utf8"));
  return { bytes, decoded, sidecar };
}

describe("compose with MusicGen on hf-inference", () => {
  it("asks for 15 s as MusicGen tokens and saves a WAV of 15 s (± one frame) with its provenance", async () => {
    const prompt = "lofi hip hop for studying, 80 bpm";
    const result = await run([prompt, "--duration", "15", "--model", "hf:facebook/musicgen-small"]);
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
    const path = outputFile("lofi-hip-hop-for-studying-80-bpm.wav");
    expect(result.stdout).toBe(`${path}\n`);
    const post = hf.requests.find((request) => request.method === "POST")!;
    expect(post.body).toEqual({
      inputs: prompt,
      parameters: { generation_parameters: { max_new_tokens: 750 } },
    });
    const piece = await pieceAt(path);
    expect(piece.decoded.container).toBe("WAVE");
    expect(Math.abs(piece.decoded.durationSeconds - 15)).toBeLessThanOrEqual(oneFrame);
    expect(piece.sidecar).toMatchObject({
      kind: "music",
      prompt,
      lyrics: null,
      provider: "hf",
      model: "facebook/musicgen-small",
      askedDurationSeconds: 15,
      format: "wav",
      warnings: [],
    });
    expect(result.stderr).toMatch(/hf:facebook\/musicgen-small · 15\.0 s of music · WAVE/);
  });

  it("refuses more than MusicGen's 30 s with the numbers, before any request", async () => {
    const result = await run([
      "ambient pads",
      "--duration",
      "31",
      "--model",
      "hf:facebook/musicgen-small",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/makes at most 30 s in one piece; 31 s was asked/);
    expect(hf.requests.filter((request) => request.method === "POST")).toHaveLength(0);
    expect(existsSync(join(folder, "output"))).toBe(false);
  });
});

describe("compose on fal's queue", () => {
  it("sends the seed and length to ACE-Step and saves an MP3 of that length, tagged, with --json", async () => {
    const prompt = "guzheng and soft drums, calm";
    const result = await run([
      prompt,
      "--duration",
      "12",
      "--seed",
      "7",
      "--format",
      "mp3",
      "--model",
      "hf:ACE-Step/ACE-Step-v1-3.5B",
      "--json",
    ]);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    const path = outputFile("guzheng-and-soft-drums-calm.mp3");
    expect(printed).toMatchObject({ path, kind: "music", prompt, seed: 7, format: "mp3" });
    const submit = hf.requests.find((request) => request.method === "POST")!;
    expect(submit.body).toMatchObject({ duration: 12, seed: 7 });
    const piece = await pieceAt(path);
    expect(piece.decoded.container).toMatch(/MPEG/);
    // One MP3 frame is 1152 samples.
    const mp3Frame = 1152 / piece.decoded.sampleRate!;
    expect(Math.abs(piece.decoded.durationSeconds - 12)).toBeLessThanOrEqual(mp3Frame + 0.05);
    expect(NodeID3.read(piece.bytes).title).toBe(prompt);
    // Progress goes to stderr (stdout is the JSON alone): the start, then the fal queue's reports.
    const progress = result.stderr.split("\n").filter((line) => line.includes("ACE-Step"));
    expect(progress[0]).toMatch(/generating with hf:ACE-Step\/ACE-Step-v1-3\.5B/);
    expect(progress.length).toBeGreaterThan(1);
  });

  it("never overwrites: the same prompt twice gives a second file", async () => {
    const args = ["rain on a window", "--duration", "3", "--model", "hf:facebook/musicgen-small"];
    const first = await run(args);
    const second = await run(args);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toBe(`${outputFile("rain-on-a-window-2.wav")}\n`);
    expect(existsSync(outputFile("rain-on-a-window.wav"))).toBe(true);
  });
});

describe("compose with MiniMax Music", () => {
  it("asks for an instrumental piece, warns that the length cannot be set, and saves the MP3 it made", async () => {
    const prompt = "erhu over a slow trip-hop beat";
    const result = await run([prompt, "--duration", "30", "--model", "minimax:music-2.6"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warning: minimax:music-2\.6 chooses the length of an instrumental piece itself; 30 s/,
    );
    const music = minimax.api.requests.find((request) => request.path === "/v1/music_generation");
    expect(music?.body).toMatchObject({ model: "music-2.6", prompt, is_instrumental: true });
    const piece = await pieceAt(outputFile("erhu-over-a-slow-trip-hop-beat.mp3"));
    const mp3Frame = 1152 / piece.decoded.sampleRate!;
    expect(Math.abs(piece.decoded.durationSeconds - 10)).toBeLessThanOrEqual(mp3Frame + 0.05);
    expect(piece.sidecar).toMatchObject({
      askedDurationSeconds: 30,
      provider: "minimax",
      format: "mp3",
    });
    expect(piece.sidecar.durationSeconds).toBeCloseTo(piece.decoded.durationSeconds, 3);
    expect(piece.sidecar.warnings).toEqual([
      expect.stringMatching(/chooses the length of an instrumental piece itself/),
    ]);
  });
});

describe("compose: bad input", () => {
  it("stops with exit 2 on an empty prompt, a bad --duration, or --out that is a file", async () => {
    await writeFile(join(folder, "taken"), "a file");
    const empty = await run(["  ", "--model", "hf:facebook/musicgen-small"]);
    const duration = await run([
      "x",
      "--duration",
      "soon",
      "--model",
      "hf:facebook/musicgen-small",
    ]);
    const out = await run(["x", "--out", "taken", "--model", "hf:facebook/musicgen-small"]);
    expect([empty.code, duration.code, out.code]).toEqual([2, 2, 2]);
    expect(empty.stderr).toMatch(/describe the music/);
    expect(duration.stderr).toMatch(/--duration takes a number from 1 to 600, not "soon"/);
    expect(out.stderr).toMatch(/--out taken is a file, not a folder/);
    expect(hf.requests).toHaveLength(0);
  });
});
