import { describeSpeechConformance, fakeSpeechSeconds, startFakeOpenAI } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AbortedError, ApiCallError, InvalidInputError, MediaError } from "../../errors.js";
import type { PathEvent } from "../../events.js";
import { generateSpeech } from "../../speech/generate-speech.js";
import { createOpenAICompatible } from "./openai-provider.js";
import { openAICompatiblePresets } from "./presets.js";

const preset = openAICompatiblePresets.find((candidate) => candidate.id === "openai")!;

for (const modelId of ["gpt-4o-mini-tts", "tts-1"]) {
  describeSpeechConformance(
    `openai ${modelId}`,
    { voices: { known: "nova", unknown: "robot" }, speed: true, unsupportedFormat: "ogg" },
    async () => {
      const server = await startFakeOpenAI();
      const provider = createOpenAICompatible(preset, {
        apiKey: "sk-test-speech",
        baseURL: server.url,
      });
      return {
        server,
        speechModel: provider.speechModel!(modelId),
        speechPath: "/v1/audio/speech",
        close: () => server.close(),
      };
    },
  );
}

describe("openai speech through the real client on the fake server", () => {
  let server: Awaited<ReturnType<typeof startFakeOpenAI>>;
  let provider: ReturnType<typeof createOpenAICompatible>;
  const model = () => provider.speechModel!("gpt-4o-mini-tts");
  beforeAll(async () => {
    server = await startFakeOpenAI();
    provider = createOpenAICompatible(preset, { apiKey: "sk-test-speech", baseURL: server.url });
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it("sends audio.speech with voice, WAV, speed and instructions, and decodes the answer", async () => {
    const text = "欢迎来到生成式 AI 的世界, welcome to the world of generative AI.";
    const { audio, warnings, response } = await generateSpeech({
      model: model(),
      text,
      voice: "coral",
      speed: 1.25,
      providerOptions: { openai: { instructions: "Speak warmly." } },
    });
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/audio/speech",
      body: {
        model: "gpt-4o-mini-tts",
        input: text,
        voice: "coral",
        response_format: "wav",
        speed: 1.25,
        instructions: "Speak warmly.",
      },
    });
    expect(server.requests[0]!.headers.accept).toBe("application/octet-stream");
    expect(warnings).toEqual([]);
    expect(audio.mediaType).toBe("audio/wav");
    expect(audio.sampleRate).toBe(24000);
    expect(audio.durationSeconds).toBeCloseTo(fakeSpeechSeconds(text, 1.25), 3);
    expect(response?.id).toMatch(/^req_fake/);
  });

  it("sends instructions to gpt-4o-mini-tts, and warns that tts-1 takes none", async () => {
    await generateSpeech({ model: model(), text: "Hi.", instructions: "Cheerful." });
    expect(server.requests[0]?.body).toMatchObject({ instructions: "Cheerful." });
    const { warnings } = await generateSpeech({
      model: provider.speechModel!("tts-1"),
      text: "Hi.",
      instructions: "Cheerful.",
      seed: 3,
    });
    expect(server.requests[1]?.body).not.toHaveProperty("instructions");
    expect(warnings.map((warning) => warning.setting).sort()).toEqual(["instructions", "seed"]);
  });

  it("reads text over 4096 characters in parts joined into one WAV", async () => {
    const sentence = "This sentence is one of many in a long chapter. ";
    const text = sentence.repeat(Math.ceil(5000 / sentence.length)).trim();
    const { audio } = await generateSpeech({ model: model(), text });
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect((request.body as { input: string }).input.length).toBeLessThanOrEqual(4096);
    }
    expect(audio.mediaType).toBe("audio/wav");
  });

  it("uses alloy when no voice is given", async () => {
    await generateSpeech({ model: model(), text: "hi" });
    expect(server.requests[0]!.body).toMatchObject({ voice: "alloy" });
  });

  it("retries a 429 in core and then returns the audio", async () => {
    server.inject({ path: "/audio/speech", status: 429, headers: { "retry-after-ms": "1" } });
    const events: PathEvent["type"][] = [];
    const { audio } = await generateSpeech({
      model: model(),
      text: "Try again.",
      onEvent: (event) => events.push(event.type),
    });
    expect(server.requests).toHaveLength(2);
    expect(events).toEqual(["start", "retry", "finish"]);
    expect(audio.durationSeconds).toBeGreaterThan(0);
  });

  it("refuses a truncated WAV from the server", async () => {
    server.inject({ path: "/audio/speech", truncateAudio: true, times: Infinity });
    await expect(generateSpeech({ model: model(), text: "Cut short." })).rejects.toThrow(
      MediaError,
    );
  });

  it("passes the server's refusal of an unknown voice on, listing the voices it has", async () => {
    const error = await generateSpeech({ model: model(), text: "hi", voice: "robot" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as Error).message).toMatch(/'robot'.*'alloy'/);
  });

  it("refuses a format audio.speech cannot make before sending anything", async () => {
    await expect(generateSpeech({ model: model(), text: "hi", format: "ogg" })).rejects.toThrow(
      InvalidInputError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("asks for WAV instead of headerless pcm, and says so", async () => {
    const { audio, warnings } = await generateSpeech({ model: model(), text: "hi", format: "pcm" });
    expect(server.requests[0]!.body).toMatchObject({ response_format: "wav" });
    expect(audio.mediaType).toBe("audio/wav");
    expect(warnings.map((warning) => warning.setting)).toEqual(["format"]);
  });

  it("stops when the caller aborts while the server is silent", async () => {
    server.inject({ path: "/audio/speech", hang: true });
    const controller = new AbortController();
    const pending = generateSpeech({ model: model(), text: "hi", signal: controller.signal });
    await server.waitUntil(() => server.requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toThrow(AbortedError);
    await server.waitUntil(() => server.abortedRequests === 1);
  });
});

describeSpeechConformance(
  "siliconflow FunAudioLLM/CosyVoice2-0.5B",
  { voices: { known: "anna", unknown: "robot" }, speed: true, unsupportedFormat: "ogg" },
  async () => {
    const server = await startFakeOpenAI();
    const siliconflow = openAICompatiblePresets.find(
      (candidate) => candidate.id === "siliconflow",
    )!;
    const provider = createOpenAICompatible(siliconflow, { apiKey: "sk-sf", baseURL: server.url });
    return {
      server,
      speechModel: provider.speechModel!("FunAudioLLM/CosyVoice2-0.5B"),
      speechPath: "/v1/audio/speech",
      close: () => server.close(),
    };
  },
);

describe("siliconflow speech on its OpenAI-shaped route", () => {
  it("writes voices as <model>:<name>, asks for one whole file, and makes MP3 when asked", async () => {
    const server = await startFakeOpenAI();
    try {
      const siliconflow = openAICompatiblePresets.find(
        (candidate) => candidate.id === "siliconflow",
      )!;
      const model = createOpenAICompatible(siliconflow, { apiKey: "sk-sf", baseURL: server.url })
        .speechModel!("FunAudioLLM/CosyVoice2-0.5B");
      expect(model.maxTextLength).toBe(128_000);
      await generateSpeech({ model, text: "你好，世界" });
      const { audio } = await generateSpeech({
        model,
        text: "你好，世界",
        voice: "bella",
        format: "mp3",
      });
      expect(server.requests.map((request) => request.body)).toMatchObject([
        {
          model: "FunAudioLLM/CosyVoice2-0.5B",
          voice: "FunAudioLLM/CosyVoice2-0.5B:alex",
          stream: false,
        },
        { voice: "FunAudioLLM/CosyVoice2-0.5B:bella", response_format: "mp3" },
      ]);
      expect(audio.mediaType).toBe("audio/mpeg");
    } finally {
      await server.close();
    }
  });
});
