/** `speak` and `info` end to end: the CLI as a child process with the real espeak-ng and a fake OpenAI. */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeAudio } from "@path/core";
import { dateStamp } from "@path/kit-cli";
import { type FakeServer, fakeSpeechSeconds, startFakeOpenAI, wavRms } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runMusic } from "./run-music.js";

const OPENAI_KEY = "sk-test";
let openai: FakeServer;
let folder: string;

beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
});
afterAll(() => openai?.close());
beforeEach(async () => {
  openai.reset();
  folder = await mkdtemp(join(tmpdir(), "music-speak-"));
  return () => rm(folder, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string> = {}) =>
  runMusic(args, { cwd: folder, env });
const openaiEnv = () => ({ OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: openai.url });
/** Where today's speech file `name` lands in the default output folder. */
const outputFile = (name: string) => join(folder, "output", `speech-${dateStamp()}-${name}`);

async function speechAt(path: string) {
  const bytes = await readFile(path);
  const decoded = await decodeAudio(bytes, path);
  const sidecar = JSON.parse(await readFile(path.replace(/\.wav$/, ".json"), "utf8"));
  return { bytes, decoded, sidecar };
}

describe("speak with the real espeak-ng", () => {
  it("reads English aloud into a WAV that decodes, lasts about as long as the words, and is not silence", async () => {
    const text = "Welcome to the world of generative AI. This is offline speech.";
    const result = await run(["speak", text, "--model", "system:espeak-ng"]);
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
    const path = outputFile("welcome-to-the-world-of.wav");
    expect(result.stdout).toBe(`${path}\n`);
    const speech = await speechAt(path);
    expect(speech.decoded).toMatchObject({ container: "WAVE", sampleRate: 22050, channels: 1 });
    // 11 words at 175 words a minute is about 4 s; allow generous pauses either side.
    expect(speech.decoded.durationSeconds).toBeGreaterThan(2);
    expect(speech.decoded.durationSeconds).toBeLessThan(10);
    expect(wavRms(speech.bytes)).toBeGreaterThan(0.01);
    expect(speech.sidecar).toMatchObject({
      text,
      voice: null,
      provider: "system",
      model: "espeak-ng",
      format: "wav",
      sampleRate: 22050,
      channels: 1,
      warnings: [],
    });
    expect(speech.sidecar.durationSeconds).toBeCloseTo(speech.decoded.durationSeconds, 3);
    expect(result.stderr).toMatch(/system:espeak-ng · \d+\.\d s of speech · WAVE 22050 Hz mono/);
  });

  it("reads 中文 from a Markdown file with the zh voice, the heading's # not read, CJK kept in the file name", async () => {
    await writeFile(join(folder, "script.md"), "# 欢迎\n\n欢迎来到**生成式**人工智能的世界。\n");
    const result = await run([
      "speak",
      "script.md",
      "--voice",
      "zh",
      "--model",
      "system:espeak-ng",
    ]);
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
    const path = outputFile("欢迎-欢迎来到生成式人工智能的世界.wav");
    expect(result.stdout).toBe(`${path}\n`);
    const speech = await speechAt(path);
    expect(speech.decoded.durationSeconds).toBeGreaterThan(1);
    expect(speech.decoded.durationSeconds).toBeLessThan(10);
    expect(wavRms(speech.bytes)).toBeGreaterThan(0.01);
    expect(speech.sidecar).toMatchObject({
      text: "欢迎\n\n欢迎来到生成式人工智能的世界。",
      textFile: "script.md",
      voice: "zh",
    });
  });

  it("hints at --voice zh when 中文 is read with the default voice", async () => {
    const result = await run(["speak", "你好，世界", "--model", "system:espeak-ng"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/hint: the text has 中文 but no --voice was given.*--voice zh/);
  });
});

describe("speak with openai", () => {
  it("sends the voice and wav to /v1/audio/speech and prints one JSON object with --json", async () => {
    const text = "欢迎来到生成式 AI 的世界";
    const result = await run(
      ["speak", text, "--model", "openai:gpt-4o-mini-tts", "--voice", "alloy", "--json"],
      openaiEnv(),
    );
    expect(result.stderr).not.toMatch(/error|warning/);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    const path = outputFile("欢迎来到生成式-ai-的世界.wav");
    expect(printed).toMatchObject({
      path,
      sidecar: path.replace(/\.wav$/, ".json"),
      recovered: null,
      text,
      voice: "alloy",
      provider: "openai",
      model: "gpt-4o-mini-tts",
      format: "wav",
      sampleRate: 24000,
      warnings: [],
    });
    const speech = await speechAt(path);
    expect(speech.decoded.durationSeconds).toBeCloseTo(fakeSpeechSeconds(text), 3);
    expect(openai.requests).toHaveLength(1);
    expect(openai.requests[0]!.body).toMatchObject({
      model: "gpt-4o-mini-tts",
      input: text,
      voice: "alloy",
      response_format: "wav",
    });
  });

  it("never overwrites: the same text twice gives a second file, the first unchanged", async () => {
    const args = ["speak", "Hello again", "--model", "openai:tts-1", "--voice", "nova"];
    const first = await run(args, openaiEnv());
    const before = await readFile(outputFile("hello-again.wav"));
    const second = await run([...args, "--speed", "2"], openaiEnv());
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stdout).toBe(`${outputFile("hello-again.wav")}\n`);
    expect(second.stdout).toBe(`${outputFile("hello-again-2.wav")}\n`);
    expect(await readFile(outputFile("hello-again.wav"))).toEqual(before);
    const again = await speechAt(outputFile("hello-again-2.wav"));
    expect(again.sidecar.speed).toBe(2);
    expect(again.decoded.durationSeconds).toBeCloseTo(fakeSpeechSeconds("Hello again", 2), 3);
  });

  it("stops with exit 2 and generates nothing when --out is a file", async () => {
    await writeFile(join(folder, "taken"), "a file, not a folder");
    const result = await run(
      ["speak", "Hello", "--model", "openai:gpt-4o-mini-tts", "--voice", "alloy", "--out", "taken"],
      openaiEnv(),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: --out taken is a file, not a folder/);
    expect(openai.requests).toHaveLength(0);
    expect(existsSync(join(folder, "output"))).toBe(false);
  });
});

describe("bad input", () => {
  it("stops with exit 2 on an empty file, saying what to do, and writes nothing", async () => {
    await writeFile(join(folder, "empty.md"), "\n  \n");
    const result = await run(["speak", "empty.md", "--model", "system:espeak-ng"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: empty.md is empty: write the words to read aloud in it\n");
    expect(existsSync(join(folder, "output"))).toBe(false);
  });

  it("answers a typo with exit 2 and the quest it was probably meant to be", async () => {
    const typo = await run(["spek", "hello"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown quest "spek"; did you mean "speak"\?/);
  });

  it("lists the quests in --help", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/speak\s+text to speech/);
    expect(result.stdout).toMatch(
      /lyrics\s+a chat model writes lyrics[\s\S]*song\s+lyrics \+ a style/,
    );
    const speak = await run(["speak", "--help"]);
    expect(speak.stdout).toMatch(/--voice <name>/);
  });
});

describe("info", () => {
  it("decodes the file and reads its sidecar back", async () => {
    const made = await run([
      "speak",
      "Read me back",
      "--model",
      "system:espeak-ng",
      "--speed",
      "1.5",
    ]);
    expect(made.code).toBe(0);
    const path = made.stdout.trim();
    const result = await run(["info", path, "--json"]);
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout);
    const speech = await speechAt(path);
    expect(info).toMatchObject({
      file: path,
      mediaType: "audio/wav",
      container: "WAVE",
      sampleRate: 22050,
      channels: 1,
      sidecarPath: path.replace(/\.wav$/, ".json"),
      sidecar: { text: "Read me back", speed: 1.5, provider: "system", model: "espeak-ng" },
    });
    expect(info.durationSeconds).toBeCloseTo(speech.decoded.durationSeconds, 3);
    const text = await run(["info", path]);
    expect(text.stdout).toMatch(/^container WAVE$/m);
    expect(text.stdout).toMatch(/^text {6}Read me back$/m);
    expect(text.stdout).toMatch(/^model {5}system:espeak-ng$/m);
  });

  it("says a file that is not audio is not, with exit 2", async () => {
    await writeFile(join(folder, "notes.wav"), "<html>not audio</html>");
    const result = await run(["info", "notes.wav"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: notes\.wav is not an audio file/);
  });
});
