import {
  describeSpeechConformance,
  type FakeMiniMax,
  fakeMp3,
  fakeWav,
  miniMaxFault,
  startFakeMiniMax,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InvalidInputError, MediaError, PathError } from "../../errors.js";
import { generateSpeech } from "../../speech/generate-speech.js";
import { createMiniMax } from "./minimax-provider.js";

const apiKey = "sk-api-minimax-test";

describeSpeechConformance(
  "minimax speech-02-hd",
  {
    voices: { known: "female-shaonv", unknown: "Robot_Voice" },
    speed: true,
    unsupportedFormat: "aac",
  },
  async () => {
    const fake = await startFakeMiniMax({ apiKey });
    return {
      server: fake.api,
      speechModel: createMiniMax({ apiKey, baseURL: fake.url }).speechModel!("speech-02-hd"),
      speechPath: "/v1/t2a_v2",
      close: () => fake.close(),
    };
  },
);

describe("minimax speech on the fake MiniMax", () => {
  let fake: FakeMiniMax;
  const model = (key = apiKey) =>
    createMiniMax({ apiKey: key, baseURL: fake.url }).speechModel!("speech-02-hd");
  beforeAll(async () => {
    fake = await startFakeMiniMax({ apiKey });
  });
  beforeEach(() => {
    fake.api.reset();
    fake.files.reset();
  });
  afterAll(() => fake.close());

  it("sends T2A its body with a 中文 default voice and decodes the hex MP3", async () => {
    const text = "今天天气真好。";
    const { audio, warnings, response } = await generateSpeech({ model: model(), text });
    expect(fake.api.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/t2a_v2",
      headers: { authorization: `Bearer ${apiKey}` },
      body: {
        model: "speech-02-hd",
        text,
        stream: false,
        output_format: "hex",
        voice_setting: { voice_id: "female-shaonv", speed: 1 },
        audio_setting: { format: "mp3", sample_rate: 32000 },
      },
    });
    expect(audio.mediaType).toBe("audio/mpeg");
    expect(audio.sampleRate).toBe(32000);
    expect(audio.durationSeconds).toBeCloseTo(0.5, 0);
    expect(warnings).toEqual([]);
    expect(response?.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("asks for WAV and a speed, and passes providerOptions into voice_setting", async () => {
    const { audio } = await generateSpeech({
      model: model(),
      text: "Hello there, this is a test.",
      voice: "English_expressive_narrator",
      format: "wav",
      speed: 1.5,
      providerOptions: { minimax: { voice_setting: { emotion: "happy" } } },
    });
    expect(fake.api.requests[0]?.body).toMatchObject({
      voice_setting: { voice_id: "English_expressive_narrator", speed: 1.5, emotion: "happy" },
      audio_setting: { format: "wav" },
    });
    expect(audio.mediaType).toBe("audio/wav");
  });

  it("clamps a speed outside 0.5–2 with a warning, and warns about instructions and seed", async () => {
    const { warnings } = await generateSpeech({
      model: model(),
      text: "快一点。",
      speed: 3,
      instructions: "cheerful",
      seed: 4,
    });
    expect(fake.api.requests[0]?.body).toMatchObject({ voice_setting: { speed: 2 } });
    expect(warnings.map((warning) => warning.setting).sort()).toEqual([
      "instructions",
      "seed",
      "speed",
    ]);
  });

  it("names some voices it has when the voice is unknown", async () => {
    const error = await generateSpeech({
      model: model(),
      text: "x",
      voice: "Nobody_Here",
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/no voice "Nobody_Here".*female-shaonv/);
  });

  it("lists system and cloned voices", async () => {
    const voices = await model().listVoices!();
    expect(voices.map((voice) => voice.id)).toContain("male-qn-qingse");
    expect(voices.find((voice) => voice.id === "female-shaonv")).toMatchObject({ name: "少女" });
    expect(voices.every((voice) => !voice.cloned)).toBe(true);
  });

  it("clones a voice once from a reference clip, speaks with it and hands back its id", async () => {
    const speechModel = model();
    const referenceAudio = fakeWav({ durationSeconds: 11, sampleRate: 16000 });
    const first = await generateSpeech({
      model: speechModel,
      text: "用我的声音说话。",
      referenceAudio,
    });
    expect(first.clonedVoice).toMatch(/^GenAIPath[0-9a-z]+$/);
    expect(fake.clonedVoices).toEqual([first.clonedVoice]);
    const paths = fake.api.requests.map((request) => request.path);
    expect(paths).toEqual(["/v1/files/upload", "/v1/voice_clone", "/v1/t2a_v2"]);
    expect(fake.api.requests[1]?.body).toMatchObject({
      voice_id: first.clonedVoice,
      file_id: expect.any(Number),
    });
    expect(fake.api.requests[2]?.body).toMatchObject({
      voice_setting: { voice_id: first.clonedVoice },
    });
    // The same clip again does not pay to clone twice.
    const again = await generateSpeech({ model: speechModel, text: "再说一遍。", referenceAudio });
    expect(again.clonedVoice).toBe(first.clonedVoice);
    expect(fake.clonedVoices).toHaveLength(1);
    // And the id works as a plain voice, listed as cloned.
    await generateSpeech({ model: model(), text: "复用。", voice: first.clonedVoice });
    const voices = await speechModel.listVoices!();
    expect(voices.find((voice) => voice.id === first.clonedVoice)?.cloned).toBe(true);
  });

  it("does not clone again when the speech after a clone is retried", async () => {
    fake.api.inject(miniMaxFault("rate-limit", { path: "/v1/t2a_v2" }));
    const result = await generateSpeech({
      model: model(),
      text: "重试。",
      referenceAudio: fakeMp3({ durationSeconds: 10.5 }),
      maxRetries: 1,
    });
    expect(result.clonedVoice).toBeDefined();
    expect(fake.api.requests.filter((request) => request.path === "/v1/voice_clone")).toHaveLength(
      1,
    );
    expect(fake.api.requests.filter((request) => request.path === "/v1/t2a_v2")).toHaveLength(2);
  });

  it("clones when the upload answers with file_id as a string", async () => {
    const stringIds = await startFakeMiniMax({ apiKey, fileIdsAsStrings: true });
    try {
      const speechModel = createMiniMax({ apiKey, baseURL: stringIds.url }).speechModel!(
        "speech-02-hd",
      );
      const { clonedVoice } = await generateSpeech({
        model: speechModel,
        text: "字符串编号。",
        referenceAudio: fakeWav({ durationSeconds: 10.5, sampleRate: 16000 }),
      });
      expect(stringIds.clonedVoices).toEqual([clonedVoice]);
      expect(stringIds.api.requests[1]?.body).toMatchObject({ file_id: expect.any(Number) });
    } finally {
      await stringIds.close();
    }
  });

  it("refuses a reference clip shorter than 10 s before uploading anything", async () => {
    await expect(
      generateSpeech({
        model: model(),
        text: "x",
        referenceAudio: fakeWav({ durationSeconds: 3 }),
      }),
    ).rejects.toThrow(/10 to 300 s/);
    expect(fake.api.requests).toHaveLength(0);
  });

  it("maps HTTP-200 base_resp errors: bad key, rate limit retried, balance, server error", async () => {
    const badKey = await generateSpeech({ model: model("sk-wrong"), text: "x" }).catch(
      (e: unknown) => e,
    );
    expect(badKey).toMatchObject({ code: "unauthorized", isRetryable: false });
    expect((badKey as Error).message).toMatch(/MINIMAX_API_KEY.*api\.minimaxi\.com/);
    expect((badKey as Error).message).not.toContain("sk-wrong");

    fake.api.reset();
    fake.api.inject(miniMaxFault("rate-limit", { path: "/v1/t2a_v2" }));
    const retried = await generateSpeech({ model: model(), text: "x", maxRetries: 1 });
    expect(retried.audio.durationSeconds).toBeGreaterThan(0);
    expect(fake.api.requests).toHaveLength(2);

    fake.api.inject(miniMaxFault("insufficient-balance", { path: "/v1/t2a_v2" }));
    const broke = await generateSpeech({ model: model(), text: "x" }).catch((e: unknown) => e);
    expect(broke).toMatchObject({ code: "insufficient-balance", isRetryable: false });
    expect((broke as Error).message).toContain("Top it up");

    fake.api.inject(miniMaxFault("sensitive-input", { path: "/v1/t2a_v2" }));
    await expect(generateSpeech({ model: model(), text: "x" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );

    fake.api.inject(miniMaxFault("server-error", { path: "/v1/t2a_v2", times: 3 }));
    const down = await generateSpeech({ model: model(), text: "x", maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(PathError.isInstance(down) && down.isRetryable).toBe(true);
  });

  it("refuses audio cut short against the size MiniMax announced", async () => {
    fake.api.inject({ path: "/v1/t2a_v2", truncateAudio: true });
    const error = await generateSpeech({
      model: model(),
      text: "被截断的音频。",
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as Error).message).toMatch(/sent \d+ of the \d+ audio bytes/);
  });

  it("fetches URL output from the other host without the key", async () => {
    const { audio } = await generateSpeech({
      model: model(),
      text: "链接。",
      providerOptions: { minimax: { output_format: "url" } },
    });
    expect(audio.mediaType).toBe("audio/mpeg");
    expect(fake.files.requests).toHaveLength(1);
    expect(fake.files.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("says so when a successful reply holds no audio", async () => {
    fake.api.inject({
      path: "/v1/t2a_v2",
      status: 200,
      body: { data: { status: 2 }, base_resp: { status_code: 0, status_msg: "success" } },
    });
    await expect(generateSpeech({ model: model(), text: "x", maxRetries: 0 })).rejects.toThrow(
      /held no audio; try again, or another model/,
    );
  });

  it("refuses a reply with no base_resp as unreadable", async () => {
    fake.api.inject({ path: "/v1/t2a_v2", status: 200, body: { data: null } });
    await expect(
      generateSpeech({ model: model(), text: "x", maxRetries: 0 }),
    ).rejects.toMatchObject({
      code: "invalid-response",
    });
  });
});
