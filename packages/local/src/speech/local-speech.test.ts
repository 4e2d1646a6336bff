import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  defaultProviderFor,
  generateSpeech,
  InvalidInputError,
  ModelFileError,
  onEvent,
  type PathEvent,
} from "@path/core";
import {
  describeSpeechConformance,
  type FakeHub,
  makeTinyOnnxVoice,
  runKitCli,
  startFakeHub,
  type TinyOnnxVoiceInfo,
  useTempDir,
  wavRms,
} from "@path/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLocalProvider } from "../local-provider.js";
import { catalogVoiceFiles, findCatalogVoice } from "./voice-catalog.js";

const folder = useTempDir("local-speech-");
const provider = () =>
  createLocalProvider({ threads: 1, download: false, cacheDir: join(folder(), "cache") });

describeSpeechConformance(
  "local tiny ONNX voice",
  {
    voices: { known: "1", unknown: "7" },
    speed: true,
    unsupportedFormat: "mp3",
    noFakeServer: true,
  },
  async () => {
    const voice = await makeTinyOnnxVoice(join(folder(), "conformance"));
    return { speechModel: provider().speechModel(voice.folder) };
  },
);

describe("local speech through sherpa-onnx on a tiny voice", () => {
  let voice: TinyOnnxVoiceInfo;
  beforeAll(async () => {
    voice = await makeTinyOnnxVoice(join(folder(), "tiny"));
  });
  afterEach(() => vi.unstubAllEnvs());

  it("reads text into a WAV that decodes, lasts as long as its characters, and is not silence", async () => {
    const text = "hello world";
    const {
      audio,
      provider: used,
      modelId,
      warnings,
    } = await generateSpeech({
      model: `local:${voice.folder}`,
      text,
    });
    expect(used).toBe("local");
    expect(modelId).toBe(voice.folder);
    expect(warnings).toEqual([]);
    expect(audio.mediaType).toBe("audio/wav");
    expect(audio.sampleRate).toBe(16_000);
    expect(audio.channels).toBe(1);
    expect(audio.durationSeconds).toBeCloseTo(
      (text.length * voice.samplesPerCharacter) / 16_000,
      2,
    );
    expect(wavRms(audio.bytes)).toBeGreaterThan(0.1);
  });

  it("reads Chinese, a longer text takes longer, and progress reaches 1", async () => {
    const model = provider().speechModel(voice.model);
    const short = await generateSpeech({ model, text: "你好" });
    const fractions: number[] = [];
    const long = await generateSpeech({
      model,
      text: "你好世界. 这是一个句子",
      onProgress: (progress) => fractions.push(progress.fraction ?? -1),
    });
    expect(fractions.at(-1)).toBe(1);
    expect(short.audio.durationSeconds).toBeGreaterThan(0);
    expect(long.audio.durationSeconds).toBeGreaterThan(short.audio.durationSeconds * 3);
  });

  it("speaks with another speaker when the voice is another speaker id", async () => {
    const model = provider().speechModel(voice.folder);
    const first = await generateSpeech({ model, text: "abc", voice: "0" });
    const second = await generateSpeech({ model, text: "abc", voice: "1" });
    expect(second.audio.durationSeconds).toBe(first.audio.durationSeconds);
    expect(Buffer.compare(first.audio.bytes, second.audio.bytes)).not.toBe(0);
    expect(await model.listVoices!()).toEqual([
      { id: "0", languages: ["Chinese+English"] },
      { id: "1", languages: ["Chinese+English"] },
    ]);
  });

  it("local:default is GENAI_LOCAL_SPEECH_MODEL, and with it set local is the default speech provider", async () => {
    vi.stubEnv("GENAI_LOCAL_SPEECH_MODEL", voice.folder);
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("GENAI_SPEECH_MODEL", "");
    expect(provider().speechModel("default").modelId).toBe(voice.folder);
    expect(defaultProviderFor("speech")).toBe("local");
  });

  it("warns about settings a local voice cannot honour", async () => {
    const { warnings } = await generateSpeech({
      model: provider().speechModel(voice.folder),
      text: "hi",
      instructions: "warmly",
      seed: 3,
    });
    expect(warnings.map((warning) => warning.setting)).toEqual(["instructions", "seed"]);
  });

  it("refuses text it has no characters for, and a speaker id it does not have", async () => {
    const model = provider().speechModel(voice.folder);
    await expect(generateSpeech({ model, text: "ΩΩΩ" })).rejects.toThrow(InvalidInputError);
    await expect(generateSpeech({ model, text: "hi", voice: "alloy" })).rejects.toThrow(
      /no voice "alloy": its voices are speaker ids "0" to "1"/,
    );
  });
});

describe("a MeloTTS-shaped voice: the lexicon, tones and jieba path the default voice takes", () => {
  it("reads mixed Chinese and English; longer text is longer audio, and not silence", async () => {
    const voice = await makeTinyOnnxVoice(join(folder(), "melo"), { flavour: "melo" });
    const model = provider().speechModel(voice.folder);
    const short = await generateSpeech({ model, text: "hello" });
    const long = await generateSpeech({ model, text: "你好世界. hello world" });
    // add_blank: a blank between and around the phones, one phone a character here.
    expect(short.audio.durationSeconds).toBeCloseTo((11 * voice.samplesPerCharacter) / 16_000, 2);
    expect(long.audio.durationSeconds).toBeGreaterThan(short.audio.durationSeconds * 2);
    expect(wavRms(long.audio.bytes)).toBeGreaterThan(0.1);
    expect(await model.listVoices!()).toEqual([{ id: "0", languages: ["Chinese + English"] }]);
  });
});

describe("local speech refuses a voice sherpa-onnx cannot run, without ending the process", () => {
  const speak = (path: string) =>
    generateSpeech({ model: provider().speechModel(path), text: "hi", maxRetries: 0 });

  it("metadata sherpa-onnx needs is missing", async () => {
    const broken = await makeTinyOnnxVoice(join(folder(), "no-rate"), {
      metadata: { sample_rate: undefined, language: undefined },
    });
    const error = await speak(broken.folder).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(/lacks sample_rate, language/);
    const unnamed = await makeTinyOnnxVoice(join(folder(), "no-language"), {
      metadata: { language: " " },
    });
    await expect(speak(unnamed.folder)).rejects.toThrow(/names no language/);
  });

  it("a voice that needs a lexicon has none", async () => {
    const broken = await makeTinyOnnxVoice(join(folder(), "no-lexicon"), {
      metadata: { frontend: undefined },
    });
    await expect(speak(broken.folder)).rejects.toThrow(/needs a lexicon\.txt/);
  });

  it("a tokens.txt or MeloTTS lexicon line sherpa-onnx would end the process on", async () => {
    const tokens = await makeTinyOnnxVoice(join(folder(), "bad-tokens"));
    await writeFile(tokens.tokens, "a 0\nab 1\n");
    await expect(speak(tokens.folder)).rejects.toThrow(
      /tokens\.txt line 2 is not "<token> <id>" with a one-character token/,
    );
    await writeFile(tokens.tokens, "a 0 extra\n");
    await expect(speak(tokens.folder)).rejects.toThrow(/line 1 is not/);

    const melo = await makeTinyOnnxVoice(join(folder(), "bad-lexicon"), { flavour: "melo" });
    await writeFile(melo.lexicon!, "a a 0\nhello h e 0\n");
    await expect(speak(melo.folder)).rejects.toThrow(
      /lexicon\.txt line 2 is not "<word> <phones…> <tones…>"/,
    );
    await writeFile(melo.lexicon!, "a a x\n");
    await expect(speak(melo.folder)).rejects.toThrow(/line 1 is not/);
    await writeFile(melo.lexicon!, "a a 51\n");
    await expect(speak(melo.folder)).rejects.toThrow(ModelFileError);
  });

  it("a rule file sherpa-onnx cannot read is a one-line ModelFileError", async () => {
    const broken = await makeTinyOnnxVoice(join(folder(), "bad-fst"));
    await writeFile(join(broken.folder, "phone.fst"), "not an fst");
    const error = await speak(broken.folder).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(/could not load the voice .*phone\.fst/);
    expect((error as Error).message).not.toContain("\n");
  });

  it("no tokens.txt, a file that is not ONNX, a folder without a model", async () => {
    const noTokens = await makeTinyOnnxVoice(join(folder(), "no-tokens"));
    await rm(noTokens.tokens);
    await expect(speak(noTokens.folder)).rejects.toThrow(/has no tokens\.txt/);
    const garbage = await makeTinyOnnxVoice(join(folder(), "garbage"));
    await writeFile(garbage.model, "this is not a model");
    await expect(speak(garbage.model)).rejects.toThrow(/is not an ONNX model/);
    await expect(speak(join(folder(), "nowhere"))).rejects.toThrow(/does not exist/);
    await expect(speak("no-such-voice")).rejects.toThrow(/Unknown local voice "no-such-voice"/);
  });
});

describe("the catalog voice downloads through the hub into the model cache", () => {
  const voice = findCatalogVoice("melo-tts-zh-en")!;
  let hub: FakeHub;
  let tiny: TinyOnnxVoiceInfo;
  beforeAll(async () => {
    tiny = await makeTinyOnnxVoice(join(folder(), "served"));
    const files: Record<string, Uint8Array> = {};
    for (const file of catalogVoiceFiles(voice)) {
      files[`${voice.repo}/${file}`] =
        file === voice.model ? await readFile(tiny.model) : Buffer.from(`${file} contents\n`);
    }
    hub = await startFakeHub({ files, redirectToCdn: true });
  });
  afterAll(() => hub?.close());
  afterEach(() => vi.unstubAllEnvs());

  const online = (cacheDir: string) =>
    createLocalProvider({ threads: 1, cacheDir, hfEndpoint: hub.url, download: true });

  it("pulls every file once (verified), reports progress, and then the default speech model is local", async () => {
    const cacheDir = join(folder(), "pull-cache");
    vi.stubEnv("GENAI_CACHE_DIR", cacheDir);
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("GENAI_SPEECH_MODEL", "");
    vi.stubEnv("GENAI_LOCAL_SPEECH_MODEL", "");
    expect(defaultProviderFor("speech")).not.toBe("local");

    const events: PathEvent[] = [];
    const stop = onEvent((event) => events.push(event));
    const pulled = await online(cacheDir).pull("melo-tts-zh-en").finally(stop);
    expect(pulled).toEqual({
      path: join(cacheDir, "hf", "csukuangfj", "vits-melo-tts-zh_en", "model.onnx"),
      name: "melo-tts-zh-en",
      downloaded: true,
    });
    expect(await readFile(pulled.path)).toEqual(await readFile(tiny.model));
    const notices = events.flatMap((event) => (event.type === "notice" ? [event.message] : []));
    expect(notices[0]).toMatch(/Downloading the voice melo-tts-zh-en .* later runs reuse it/);
    expect(notices.at(-1)).toMatch(/is ready: .* verified/);
    expect(events.some((event) => event.type === "progress")).toBe(true);
    expect(defaultProviderFor("speech")).toBe("local");

    const downloads = hub.requests.length;
    expect((await online(cacheDir).pull("melo-tts-zh-en")).downloaded).toBe(false);
    expect(hub.requests.length).toBe(downloads);
  });

  it("npm run local -- pull / models list / rm handle the voice", async () => {
    const cacheDir = join(folder(), "cli-cache");
    const run = (args: string[]) =>
      runKitCli(args, {
        entry: new URL("../cli.ts", import.meta.url).pathname,
        cwd: new URL("../..", import.meta.url).pathname,
        initCwd: folder(),
        env: { GENAI_CACHE_DIR: cacheDir, HF_ENDPOINT: hub.url },
      });
    const modelPath = join(cacheDir, "hf", "csukuangfj", "vits-melo-tts-zh_en", "model.onnx");
    expect(await run(["pull", "melo-tts-zh-en"])).toMatchObject({
      code: 0,
      stdout: `${modelPath}\n`,
    });
    const listed = await run(["models", "list"]);
    expect(listed.stdout).toMatch(/melo-tts-zh-en\s+170 MB\s+MIT\s+downloaded/);
    expect(await run(["rm", "melo-tts-zh-en"])).toMatchObject({
      code: 0,
      stdout: "Deleted the voice melo-tts-zh-en\n",
    });
    await expect(stat(modelPath)).rejects.toThrow(/ENOENT/);
    const json = JSON.parse((await run(["models", "list", "--json"])).stdout);
    expect(json.voices).toMatchObject([{ id: "melo-tts-zh-en", state: "-" }]);
  });

  it("refuses a corrupted download by its SHA-256", async () => {
    hub.inject({ path: /model\.onnx$/, corrupt: true, times: 3 });
    const error = await online(join(folder(), "corrupt-cache"))
      .pull("melo-tts-zh-en")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(/SHA-256|checksum/i);
  });

  it("with downloads off, says how to pull the voice", async () => {
    const offline = createLocalProvider({
      threads: 1,
      cacheDir: join(folder(), "empty"),
      download: false,
    });
    await expect(
      generateSpeech({ model: offline.speechModel("melo-tts-zh-en"), text: "你好", maxRetries: 0 }),
    ).rejects.toThrow(/npm run local -- pull melo-tts-zh-en/);
    expect(await offline.speechModel("melo-tts-zh-en").listVoices!()).toEqual([
      { id: "0", languages: ["zh", "en"] },
    ]);
  });
});
