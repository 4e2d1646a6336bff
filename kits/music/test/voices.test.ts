/** `voices` end to end: the CLI as a child process with the real espeak-ng and a fake OpenAI. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeServer, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runMusic } from "./run-music.js";

let folder: string;
let openai: FakeServer;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: "sk-test" });
});
afterAll(() => openai?.close());
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "music-voices-"));
  return () => rm(folder, { recursive: true, force: true });
});
const run = (args: string[], env: Record<string, string> = {}) =>
  runMusic(["voices", ...args], { cwd: folder, env });

describe("voices", () => {
  it("lists espeak-ng's Chinese voices as a table with --lang zh, and how to use one", async () => {
    const result = await run(["--model", "system:espeak-ng", "--lang", "zh"]);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^id\s+name\s+languages\s+gender\s+cloned$/);
    expect(rows.some((row) => /^cmn\s+Chinese \(Mandarin/.test(row))).toBe(true);
    expect(rows.some((row) => /^yue\s/.test(row))).toBe(true);
    expect(rows.every((row) => /\bzh\b/.test(row))).toBe(true);
    expect(result.stderr).toMatch(/voices of system:espeak-ng; use one with: .*--voice <id>/);
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
});
