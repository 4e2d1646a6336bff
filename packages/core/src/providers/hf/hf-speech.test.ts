import { describeSpeechConformance, startFakeHuggingFace } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiCallError } from "../../errors.js";
import { generateSpeech } from "../../speech/generate-speech.js";
import { createHuggingFace } from "./hf-provider.js";

const token = "hf_test_speech";

describeSpeechConformance(
  "hf Kokoro-82M (fal-ai)",
  {
    voices: { known: "af_bella", unknown: "zz_nobody" },
    speed: true,
    unsupportedFormat: "mp3",
  },
  async () => {
    const server = await startFakeHuggingFace({ token });
    const provider = createHuggingFace({ token, fetch: server.fetch });
    return {
      server,
      speechModel: provider.speechModel!("hexgrad/Kokoro-82M"),
      speechPath: "/fal-ai/fal-ai/kokoro/american-english",
      close: () => server.close(),
    };
  },
);

describe("hf speech on the wire", () => {
  let server: Awaited<ReturnType<typeof startFakeHuggingFace>>;
  let provider: ReturnType<typeof createHuggingFace>;
  beforeAll(async () => {
    server = await startFakeHuggingFace({ token });
    provider = createHuggingFace({ token, fetch: server.fetch });
  });
  afterAll(() => server.close());

  it("sends Kokoro to fal-ai through the router with the voice and speed, then downloads the file", async () => {
    server.reset();
    const { audio, warnings } = await generateSpeech({
      model: provider.speechModel!("hexgrad/Kokoro-82M"),
      text: "你好, world.",
      voice: "am_adam",
      speed: 1.5,
    });
    const post = server.requests.find((request) => request.method === "POST")!;
    expect(post.path).toBe("/fal-ai/fal-ai/kokoro/american-english");
    expect(post.query).toEqual({});
    expect(post.headers.authorization).toBe(`Bearer ${token}`);
    expect(post.body).toEqual({ text: "你好, world.", voice: "am_adam", speed: 1.5 });
    expect(server.falFiles.requests.map((request) => request.path)).toEqual([
      expect.stringMatching(/^\/files\/[\w-]+\.wav$/),
    ]);
    expect(audio.mediaType).toBe("audio/wav");
    expect(audio.durationSeconds).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });

  it("runs an hf-inference pipeline through the client, warning that voice and speed are not used", async () => {
    server.reset();
    const { audio, warnings } = await generateSpeech({
      model: provider.speechModel!("facebook/mms-tts-eng"),
      text: "Hello there.",
      voice: "alloy",
      speed: 2,
    });
    const post = server.requests.find((request) => request.method === "POST")!;
    expect(post.path).toBe("/hf-inference/models/facebook/mms-tts-eng");
    expect(post.body).toEqual({ inputs: "Hello there." });
    expect(audio.sampleRate).toBe(16000);
    expect(warnings.map((warning) => warning.setting).sort()).toEqual(["speed", "voice"]);
  });

  it("takes the provider from providerOptions.hf.provider, skipping the Hub's choice", async () => {
    const fake = await startFakeHuggingFace({
      token,
      providers: {
        "fake-org/kokoro-two-providers": [
          { provider: "fal-ai", providerId: "fal-ai/kokoro/american-english" },
          { provider: "hf-inference" },
        ],
      },
    });
    try {
      const hf = createHuggingFace({ token, fetch: fake.fetch });
      const { warnings } = await generateSpeech({
        model: hf.speechModel!("fake-org/kokoro-two-providers"),
        text: "Hello.",
        providerOptions: { hf: { provider: "hf-inference" } },
      });
      const post = fake.requests.find((request) => request.method === "POST")!;
      expect(post.path).toBe("/hf-inference/models/fake-org/kokoro-two-providers");
      expect(post.body).toEqual({ inputs: "Hello." });
      expect(warnings).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it("lists Kokoro's voices, each one the fal app takes; other models list none", async () => {
    const model = provider.speechModel!("hexgrad/Kokoro-82M");
    const voices = await model.listVoices!();
    expect(voices).toHaveLength(20);
    expect(voices[0]).toEqual({
      id: "af_heart",
      name: "Heart",
      languages: ["en-US"],
      gender: "female",
    });
    for (const voice of [voices[3]!, voices.at(-1)!]) {
      const { audio } = await generateSpeech({ model, text: "Hi.", voice: voice.id });
      expect(audio.durationSeconds).toBeGreaterThan(0);
    }
    expect(provider.speechModel!("facebook/mms-tts-eng").listVoices).toBeUndefined();
  });

  it("names the field and the value fal refused", async () => {
    server.reset();
    const error = await generateSpeech({
      model: provider.speechModel!("hexgrad/Kokoro-82M"),
      text: "Hello.",
      voice: "af_nobody",
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).status).toBe(422);
    expect((error as Error).message).toMatch(
      /voice: Input should be af_heart, .* \(got "af_nobody"\)/,
    );
  });
});
