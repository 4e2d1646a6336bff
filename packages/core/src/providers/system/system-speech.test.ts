import { describeSpeechConformance, wavRms } from "@path/testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortedError, InvalidInputError, NoProviderError, PathError } from "../../errors.js";
import { resolveModel } from "../../registry.js";
import { generateSpeech } from "../../speech/generate-speech.js";
import { createSystem } from "./system-provider.js";

const system = createSystem();
const espeak = () => system.speechModel!("espeak-ng");

describeSpeechConformance(
  "system espeak-ng",
  {
    voices: { known: "en-us", unknown: "xx-nosuch" },
    speed: true,
    unsupportedFormat: "mp3",
    noFakeServer: true,
  },
  async () => ({ speechModel: espeak() }),
);

describe("system speech with the real espeak-ng", () => {
  const savedPath = process.env.PATH;
  beforeEach(() => {
    // Nothing configured, so the default is chosen from what the machine has.
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("GENAI_SPEECH_MODEL", "");
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    vi.unstubAllEnvs();
  });

  it("reads English aloud into a WAV that decodes, lasts about as long as the words, and is not silence", async () => {
    const text = "Welcome to the world of generative AI. This is a test of offline speech.";
    const { audio, warnings, provider } = await generateSpeech({ model: espeak(), text });
    expect(provider).toBe("system");
    expect(warnings).toEqual([]);
    expect(audio.mediaType).toBe("audio/wav");
    expect(audio.container).toBe("WAVE");
    expect(audio.channels).toBe(1);
    expect(audio.sampleRate).toBe(22050);
    // 13 words at 175 words a minute is about 4.5 s; allow generous pauses either side.
    expect(audio.durationSeconds).toBeGreaterThan(2);
    expect(audio.durationSeconds).toBeLessThan(10);
    expect(wavRms(audio.bytes)).toBeGreaterThan(0.01);
  });

  it("reads 中文 with the cmn voice", async () => {
    const { audio } = await generateSpeech({
      model: espeak(),
      text: "欢迎来到生成式人工智能的世界。",
      voice: "cmn",
    });
    expect(audio.durationSeconds).toBeGreaterThan(1);
    expect(audio.durationSeconds).toBeLessThan(10);
    expect(wavRms(audio.bytes)).toBeGreaterThan(0.01);
  });

  it("speaks faster at speed 2, so the same words take less time", async () => {
    const text = "One two three four five six seven eight nine ten.";
    const normal = await generateSpeech({ model: espeak(), text });
    const fast = await generateSpeech({ model: espeak(), text, speed: 2 });
    expect(fast.audio.durationSeconds).toBeLessThan(normal.audio.durationSeconds * 0.8);
  });

  it("warns and returns WAV when asked for mp3", async () => {
    const { audio, warnings } = await generateSpeech({
      model: espeak(),
      text: "hi",
      format: "mp3",
    });
    expect(audio.mediaType).toBe("audio/wav");
    expect(warnings.map((warning) => warning.setting)).toEqual(["format"]);
    expect(warnings[0]!.message).toContain("WAV only");
  });

  it("refuses an unknown voice with a one-line error that lists real ones", async () => {
    const error = await generateSpeech({ model: espeak(), text: "hi", voice: "xx-nosuch" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/no voice "xx-nosuch".*en-us.*cmn/);
  });

  it("passes text that looks like an option as words, not arguments", async () => {
    const { audio } = await generateSpeech({ model: espeak(), text: "--help -v xx" });
    expect(audio.durationSeconds).toBeGreaterThan(0.3);
  });

  it("does not start the engine when the call is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await generateSpeech({
      model: espeak(),
      text: "This would take a while to say.",
      signal: controller.signal,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortedError);
  });

  it("names the package to install when the engine is absent", async () => {
    process.env.PATH = "/nonexistent";
    const error = await generateSpeech({ model: espeak(), text: "hi" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PathError);
    expect((error as PathError).code).toBe("provider-not-installed");
    expect((error as Error).message).toContain("apt-get install espeak-ng");
  });

  it("is the default speech model when nothing is configured and an engine is installed", async () => {
    const model = await resolveModel("speech", undefined);
    expect(`${model.provider}:${model.modelId}`).toBe("system:default");
  });

  it("with no engine and nothing configured, the error names what would serve speech", async () => {
    process.env.PATH = "/nonexistent";
    const error = await resolveModel("speech", undefined).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoProviderError);
    expect((error as Error).message).toMatch(/OPENAI_API_KEY[\s\S]*espeak-ng/);
  });

  it("refuses a model id that is no engine", () => {
    expect(() => system.speechModel!("festival")).toThrow(/system:espeak-ng/);
  });
});
