/** `clone` end to end: the CLI as a child process against the fake MiniMax (upload, voice_clone, t2a_v2). */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeAudio } from "@path/core";
import { dateStamp } from "@path/kit-cli";
import {
  type FakeMiniMax,
  type FakeServer,
  fakeMp3,
  fakeWav,
  startFakeMiniMax,
  startFakeOpenAI,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runMusic } from "./run-music.js";

const MINIMAX_API_KEY = "mm-test-clone";
let minimax: FakeMiniMax;
let openai: FakeServer;
let folder: string;
beforeAll(async () => {
  [minimax, openai] = await Promise.all([
    startFakeMiniMax({ apiKey: MINIMAX_API_KEY }),
    startFakeOpenAI({ apiKey: "sk-test" }),
  ]);
});
afterAll(async () => {
  await Promise.all([minimax?.close(), openai?.close()]);
});
beforeEach(async () => {
  minimax.api.reset();
  openai.reset();
  folder = await mkdtemp(join(tmpdir(), "music-clone-"));
  return () => rm(folder, { recursive: true, force: true });
});

const run = (args: string[]) =>
  runMusic(["clone", ...args], {
    cwd: folder,
    env: {
      MINIMAX_API_KEY,
      MINIMAX_BASE_URL: minimax.url,
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: openai.url,
    },
  });
const model = ["--model", "minimax:speech-02-hd"];
const outputFile = (name: string) => join(folder, "output", `clone-${dateStamp()}-${name}`);

async function writeClip(name: string, bytes: Uint8Array) {
  await writeFile(join(folder, name), bytes);
  return name;
}

describe("clone with minimax", () => {
  it("uploads the clip, clones once, saves the speech with provenance and says how to reuse the voice", async () => {
    const clip = await writeClip("me.wav", fakeWav({ durationSeconds: 11, sampleRate: 16000 }));
    const text = "这是我复刻的声音";
    const result = await run(["--reference", clip, text, ...model]);
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
    const path = outputFile("这是我复刻的声音.wav");
    expect(result.stdout).toBe(`${path}\n`);
    expect(minimax.api.requests.map((request) => request.path)).toEqual([
      "/v1/files/upload",
      "/v1/voice_clone",
      "/v1/t2a_v2",
    ]);
    const [voice] = minimax.clonedVoices;
    expect(voice).toBeDefined();
    expect(result.stderr).toContain(
      `cloned voice: ${voice} (kept on your minimax account). Reuse it without cloning again: npm run music -- speak "…" --model minimax:speech-02-hd --voice ${voice}`,
    );
    const decoded = await decodeAudio(await readFile(path), path);
    expect(decoded.container).toBe("WAVE");
    expect(decoded.durationSeconds).toBeGreaterThan(0);
    const sidecar = JSON.parse(await readFile(path.replace(/\.wav$/, ".json"), "utf8"));
    expect(sidecar).toMatchObject({
      kind: "clone",
      text,
      referenceAudio: clip,
      clonedVoice: voice,
      provider: "minimax",
      model: "speech-02-hd",
      format: "wav",
    });
    expect(sidecar.durationSeconds).toBeCloseTo(decoded.durationSeconds, 3);
  });

  it("sends --reference-text for MiniMax to check the clip against", async () => {
    const clip = await writeClip("me.wav", fakeWav({ durationSeconds: 11, sampleRate: 16000 }));
    const result = await run([
      "--reference",
      clip,
      "--reference-text",
      "今天天气很好",
      "用我的声音说话",
      ...model,
    ]);
    expect(result.code).toBe(0);
    const clone = minimax.api.requests.find((request) => request.path === "/v1/voice_clone");
    expect(clone?.body).toMatchObject({ text_validation: "今天天气很好" });
  });

  it("takes an MP3 clip and --json, the cloned voice in the JSON", async () => {
    const clip = await writeClip("me.mp3", fakeMp3({ durationSeconds: 12 }));
    const result = await run(["--reference", clip, "Hello in my voice.", ...model, "--json"]);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({
      kind: "clone",
      referenceAudio: clip,
      clonedVoice: minimax.clonedVoices.at(-1),
    });
    expect(existsSync(printed.path)).toBe(true);
  });
});

describe("clone: the clip is checked before anything is uploaded", () => {
  const refused = async (args: string[], message: RegExp) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(minimax.api.requests).toHaveLength(0);
    expect(openai.requests).toHaveLength(0);
    expect(existsSync(join(folder, "output"))).toBe(false);
  };

  it("refuses a file that is not audio", async () => {
    const clip = await writeClip("notes.wav", new TextEncoder().encode("not a recording at all"));
    await refused(["--reference", clip, "hi", ...model], /notes\.wav is not a usable recording/);
  });

  it("refuses a clip that is too short, with the limits", async () => {
    const clip = await writeClip("short.wav", fakeWav({ durationSeconds: 3 }));
    await refused(
      ["--reference", clip, "hi", ...model],
      /short\.wav is 3\.0 s long; minimax:speech-02-hd needs a clip of 10 to 300 s/,
    );
  });

  it("refuses a missing clip, and a model that cannot clone", async () => {
    await refused(
      ["--reference", "gone.wav", "hi", ...model],
      /Cannot read the reference clip gone\.wav/,
    );
    const clip = await writeClip("me.wav", fakeWav({ durationSeconds: 11 }));
    await refused(
      ["--reference", clip, "hi", "--model", "openai:gpt-4o-mini-tts"],
      /openai:gpt-4o-mini-tts cannot copy a voice from a recording/,
    );
  });

  it("asks for --reference, and for the words, when either is missing", async () => {
    const result = await run(["hi", ...model]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/give the voice to copy: .*--reference me\.wav/);
    const noText = await run(["--reference", "me.wav", ...model]);
    expect(noText.code).toBe(2);
    expect(noText.stderr).toMatch(
      /give the words to read in the copied voice: .*clone --reference me\.wav/,
    );
    expect(minimax.api.requests).toHaveLength(0);
  });
});
