/** `voices` end to end: the CLI as a child process with the real espeak-ng and a fake OpenAI. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FakeMiniMax,
  type FakeServer,
  fakeWav,
  startFakeMiniMax,
  startFakeOpenAI,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runMusic } from "./run-music.js";

let folder: string;
let openai: FakeServer;
let minimax: FakeMiniMax;
beforeAll(async () => {
  [openai, minimax] = await Promise.all([
    startFakeOpenAI({ apiKey: "sk-test" }),
    startFakeMiniMax({ apiKey: "mm-test-voices" }),
  ]);
});
afterAll(async () => {
  await Promise.all([openai?.close(), minimax?.close()]);
});
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "music-voices-"));
  return () => rm(folder, { recursive: true, force: true });
});
const run = (args: string[], env: Record<string, string> = {}) =>
  runMusic(["voices", ...args], { cwd: folder, env });
const minimaxEnv = () => ({ MINIMAX_API_KEY: "mm-test-voices", MINIMAX_BASE_URL: minimax.url });

describe("voices", () => {
  it("lists espeak-ng's Chinese voices as a table with --lang zh, and how to use one", async () => {
    const result = await run(["--model", "system:espeak-ng", "--lang", "zh"]);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^id\s+name\s+languages\s+gender\s+cloned$/);
    expect(rows.some((row) => /^cmn\s+Chinese \(Mandarin/.test(row))).toBe(true);
    expect(rows.some((row) => /^yue\s/.test(row))).toBe(true);
    expect(rows.every((row) => /\bzh\b/.test(row))).toBe(true);
    expect(result.stderr).toMatch(/voices of system:espeak-ng; use one with: .*--voice "<id>"/);
  });

  it("prints one JSON array with --json", async () => {
    const result = await run(["--model", "system:espeak-ng", "--json"]);
    expect(result.code).toBe(0);
    const voices = JSON.parse(result.stdout) as { id: string; languages: string[] }[];
    expect(voices.length).toBeGreaterThan(50);
    expect(voices.find((voice) => voice.id === "en-us")).toMatchObject({
      languages: ["en-us", "en"],
    });
  });

  it("says in one line when no voice speaks the language asked", async () => {
    const result = await run(["--model", "system:espeak-ng", "--lang", "tlh"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toMatch(/^system:espeak-ng has no voice for "tlh" among its \d+;/);
  });

  it("says in one line that a model without a list cannot list, asking the server nothing", async () => {
    const result = await run(["--model", "openai:gpt-4o-mini-tts"], {
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: openai.url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "openai:gpt-4o-mini-tts cannot list its voices; see its provider's documentation for the names to pass as --voice.",
    ]);
    expect(openai.requests).toHaveLength(0);
  });

  it("lists MiniMax's voices with their 中文 names, and a voice cloned with clone as cloned", async () => {
    await writeFile(join(folder, "me.wav"), fakeWav({ durationSeconds: 11, sampleRate: 16000 }));
    const cloned = await runMusic(
      ["clone", "--reference", "me.wav", "你好", "--model", "minimax:speech-02-hd", "--json"],
      { cwd: folder, env: minimaxEnv() },
    );
    expect(cloned.code).toBe(0);
    const { clonedVoice } = JSON.parse(cloned.stdout);
    const result = await run(["--model", "minimax:speech-02-hd"], minimaxEnv());
    expect(result.code).toBe(0);
    const rows = result.stdout.trimEnd().split("\n");
    expect(rows.some((row) => /^female-shaonv\s+少女\s*$/.test(row))).toBe(true);
    expect(rows.find((row) => row.startsWith(clonedVoice))).toMatch(/\syes$/);
  });
});
