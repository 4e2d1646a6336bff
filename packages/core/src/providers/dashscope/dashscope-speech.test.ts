import { describeSpeechConformance, type FakeDashScope, startFakeDashScope } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiCallError, ConnectionError, InvalidInputError } from "../../errors.js";
import { generateSpeech } from "../../speech/generate-speech.js";
import { dashScopeSpeechModel } from "./dashscope-provider.js";

const apiKey = "sk-dashscope-test";

for (const [modelId, voices, speed] of [
  ["qwen3-tts-flash", { known: "Cherry", unknown: "Robot" }, false],
  ["cosyvoice-v3-flash", { known: "longanyang", unknown: "Robot" }, true],
] as const) {
  describeSpeechConformance(
    `qwen ${modelId}`,
    { voices, speed, unsupportedFormat: "flac" },
    async () => {
      const fake = await startFakeDashScope({ apiKey });
      return {
        server: fake.api,
        speechModel: dashScopeSpeechModel(modelId, { apiKey, baseURL: fake.url }),
        speechPath: /\/api\/v1\/services\//,
        close: () => fake.close(),
      };
    },
  );
}

describe("qwen speech on the fake DashScope", () => {
  let fake: FakeDashScope;
  const model = (id: string, key = apiKey) =>
    dashScopeSpeechModel(id, { apiKey: key, baseURL: fake.url });
  beforeAll(async () => {
    fake = await startFakeDashScope({ apiKey });
  });
  beforeEach(() => {
    fake.api.reset();
    fake.files.reset();
  });
  afterAll(() => fake.close());

  it("sends Qwen-TTS its native body and fetches the WAV from the URL it answers with", async () => {
    const text = "今天天气真好。Today is a wonderful day.";
    const { audio, warnings } = await generateSpeech({
      model: model("qwen3-tts-flash"),
      text,
      voice: "Ethan",
    });
    expect(fake.api.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/v1/services/aigc/multimodal-generation/generation",
      headers: { authorization: `Bearer ${apiKey}` },
      body: { model: "qwen3-tts-flash", input: { text, voice: "Ethan" } },
    });
    expect(fake.files.requests).toHaveLength(1);
    expect(fake.files.requests[0]?.query.Expires).toMatch(/^\d+$/);
    expect(audio.mediaType).toBe("audio/wav");
    expect(audio.sampleRate).toBe(24000);
    expect(warnings).toEqual([]);
  });

  it("sends CosyVoice format, rate, seed and instruction, and gets the MP3 it asked for", async () => {
    const { audio, warnings } = await generateSpeech({
      model: model("cosyvoice-v3-flash"),
      text: "我家的后面有一个很大的花园。",
      format: "mp3",
      speed: 1.5,
      seed: 7,
      instructions: "温柔地说",
    });
    expect(fake.api.requests[0]?.body).toMatchObject({
      model: "cosyvoice-v3-flash",
      input: {
        voice: "longanyang",
        format: "mp3",
        sample_rate: 24000,
        rate: 1.5,
        seed: 7,
        instruction: "温柔地说",
      },
    });
    expect(audio.mediaType).toBe("audio/mpeg");
    expect(warnings).toEqual([]);
  });

  it("warns about speed, seed and directions a Qwen-TTS model cannot take", async () => {
    const { warnings } = await generateSpeech({
      model: model("qwen3-tts-flash"),
      text: "Hello.",
      speed: 2,
      seed: 1,
      instructions: "slowly",
    });
    expect(warnings.map((warning) => warning.setting).sort()).toEqual([
      "instructions",
      "seed",
      "speed",
    ]);
    expect(fake.api.requests[0]?.body).toEqual({
      model: "qwen3-tts-flash",
      input: { text: "Hello.", voice: "Cherry" },
    });
  });

  it("names the voices it has when one is unknown", async () => {
    const error = await generateSpeech({
      model: model("qwen3-tts-flash"),
      text: "Hi.",
      voice: "Alloy",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/no voice "Alloy"; it has Cherry, Serena/);
  });

  it("says keys are per region when the key is refused", async () => {
    const error = await generateSpeech({
      model: model("qwen3-tts-flash", "sk-wrong"),
      text: "Hi.",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.message).toMatch(/dashscope-intl\.aliyuncs\.com/);
    expect(error.message).not.toContain("sk-wrong");
  });

  it("is what qwen:<model> names, with DASHSCOPE_API_KEY and DASHSCOPE_BASE_URL from the environment", async () => {
    vi.stubEnv("DASHSCOPE_API_KEY", apiKey);
    vi.stubEnv("DASHSCOPE_BASE_URL", fake.url);
    try {
      const result = await generateSpeech({ model: "qwen:cosyvoice-v3-flash", text: "你好。" });
      expect(result).toMatchObject({ provider: "qwen", modelId: "cosyvoice-v3-flash" });
      expect(fake.api.requests[0]?.path).toBe("/api/v1/services/audio/tts/SpeechSynthesizer");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("lists its voices", async () => {
    const voices = await model("qwen3-tts-flash").listVoices!();
    expect(voices.map((voice) => voice.id)).toContain("Cherry");
  });

  it("retries a cut audio download and succeeds", async () => {
    fake.files.inject({ truncateAudio: true });
    const { audio } = await generateSpeech({
      model: model("qwen3-tts-flash"),
      text: "Hello there.",
      maxRetries: 1,
    });
    expect(audio.durationSeconds).toBeGreaterThan(0);
    expect(fake.files.requests).toHaveLength(2);
  });

  it("a download cut with no retries left is a connection error, nothing returned", async () => {
    fake.files.inject({ truncateAudio: true });
    await expect(
      generateSpeech({ model: model("qwen3-tts-flash"), text: "Hello there.", maxRetries: 0 }),
    ).rejects.toBeInstanceOf(ConnectionError);
  });
});
