import {
  describeMusicConformance,
  describeSpeechConformance,
  type FakeElevenLabs,
  fakeWav,
  parseMultipart,
  startFakeElevenLabs,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiCallError, InvalidInputError } from "../../errors.js";
import { generateMusic } from "../../music/generate-music.js";
import { generateSpeech } from "../../speech/generate-speech.js";
import { createElevenLabs } from "./elevenlabs-provider.js";

const apiKey = "sk_elevenlabs_test";

describeSpeechConformance(
  "elevenlabs eleven_multilingual_v2",
  // Rachel by id: a voice name costs a voices lookup first, which the 429 check would count.
  {
    voices: { known: "21m00Tcm4TlvDq8ikWAM", unknown: "Robot" },
    speed: true,
    unsupportedFormat: "flac",
  },
  async () => {
    const fake = await startFakeElevenLabs({ apiKey });
    return {
      server: fake.server,
      speechModel: createElevenLabs({ apiKey, baseURL: fake.url }).speechModel!(
        "eleven_multilingual_v2",
      ),
      speechPath: /^\/v1\/text-to-speech\//,
      close: () => fake.close(),
    };
  },
);

describeMusicConformance(
  "elevenlabs music_v1",
  // The suite composes from a prompt, where ElevenLabs takes no seed (only with lyrics).
  { duration: true, seed: false, sings: true, progress: true, unsupportedFormat: "flac" },
  async () => {
    const fake = await startFakeElevenLabs({ apiKey });
    return {
      server: fake.server,
      musicModel: createElevenLabs({ apiKey, baseURL: fake.url }).musicModel!("music_v1"),
      musicPath: "/v1/music",
      close: () => fake.close(),
    };
  },
);

describe("elevenlabs on the fake ElevenLabs", () => {
  let fake: FakeElevenLabs;
  const provider = () => createElevenLabs({ apiKey, baseURL: fake.url });
  beforeAll(async () => {
    fake = await startFakeElevenLabs({ apiKey });
  });
  beforeEach(() => fake.server.reset());
  afterAll(() => fake.close());

  it("speaks with a voice named on the account, output format in the query, speed and seed in the body", async () => {
    const { audio } = await generateSpeech({
      model: provider().speechModel!("eleven_multilingual_v2"),
      text: "欢迎来到生成式 AI 的世界。",
      voice: "adam",
      format: "wav",
      speed: 1.1,
      seed: 42,
    });
    const tts = fake.server.requests.find((request) =>
      request.path.startsWith("/v1/text-to-speech/"),
    )!;
    expect(tts.path).toBe("/v1/text-to-speech/pNInz6obpgDQGcFmaJgB");
    expect(tts.query).toEqual({ output_format: "wav_24000" });
    expect(tts.headers["xi-api-key"]).toBe(apiKey);
    expect(tts.body).toMatchObject({
      model_id: "eleven_multilingual_v2",
      voice_settings: { speed: 1.1 },
      seed: 42,
    });
    expect(audio.mediaType).toBe("audio/wav");
  });

  it("keeps speed within what it takes and says so", async () => {
    const { warnings } = await generateSpeech({
      model: provider().speechModel!("eleven_flash_v2_5"),
      text: "Hi.",
      speed: 2,
    });
    expect(fake.server.requests.at(-1)?.body).toMatchObject({ voice_settings: { speed: 1.2 } });
    expect(warnings.map((warning) => warning.message)).toEqual([
      expect.stringMatching(/2 became 1.2/),
    ]);
  });

  it("names the voices it has when one is unknown", async () => {
    const error = await generateSpeech({
      model: provider().speechModel!("eleven_multilingual_v2"),
      text: "Hi.",
      voice: "Robot",
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/no voice "Robot".*Rachel, Adam, Charlotte/);
  });

  it("clones a voice from a clip once, speaks with it and returns it for reuse", async () => {
    const model = provider().speechModel!("eleven_multilingual_v2");
    const referenceAudio = fakeWav({ durationSeconds: 6 });
    const first = await generateSpeech({ model, text: "这是我复刻的声音。", referenceAudio });
    expect(first.clonedVoice).toBe(fake.clonedVoices[0]);
    const add = fake.server.requests.find((request) => request.path === "/v1/voices/add")!;
    const parts = await parseMultipart(add);
    expect(
      parts
        .find((part) => part.name === "files")
        ?.data.subarray(0, 4)
        .toString(),
    ).toBe("RIFF");
    await generateSpeech({ model, text: "再说一句。", referenceAudio });
    expect(fake.clonedVoices).toHaveLength(1);
    const reuse = await generateSpeech({ model, text: "Again.", voice: first.clonedVoice });
    expect(reuse.audio.durationSeconds).toBeGreaterThan(0);
    const voices = await model.listVoices!();
    expect(voices.find((voice) => voice.id === first.clonedVoice)?.cloned).toBe(true);
  });

  it("sends lyrics as a composition plan whose sections share the asked length", async () => {
    const { audio } = await generateMusic({
      model: provider().musicModel!("music_v1"),
      prompt: "upbeat c-pop, 110 bpm, female vocal",
      lyrics: "[Verse]\n小龙飞过天空\n带来新年的风\n[Chorus]\n恭喜恭喜\n",
      durationSeconds: 30,
      seed: 7,
    });
    const body = fake.server.requests[0]?.body as {
      composition_plan: {
        sections: { section_name: string; duration_ms: number; lines: string[] }[];
      };
      seed: number;
    };
    expect(body.seed).toBe(7);
    expect(
      body.composition_plan.sections.map((section) => [
        section.section_name,
        section.duration_ms,
        section.lines.length,
      ]),
    ).toEqual([
      ["Verse", 20000, 2],
      ["Chorus", 10000, 1],
    ]);
    expect(audio.durationSeconds).toBeCloseTo(30, 0);
  });

  it("composes instrumental music from a prompt, with its length in milliseconds", async () => {
    const { warnings } = await generateMusic({
      model: provider().musicModel!("music_v1"),
      prompt: "lofi",
      durationSeconds: 12,
      seed: 1,
    });
    expect(fake.server.requests[0]?.body).toEqual({
      prompt: "lofi",
      force_instrumental: true,
      model_id: "music_v1",
      music_length_ms: 12000,
    });
    expect(warnings.map((warning) => warning.setting)).toEqual(["seed"]);
  });

  it("says in one line when the account has no music access", async () => {
    const closed = await startFakeElevenLabs({ apiKey, musicAccess: false });
    try {
      const error = await generateMusic({
        model: createElevenLabs({ apiKey, baseURL: closed.url }).musicModel!("music_v1"),
        prompt: "lofi",
        maxRetries: 0,
      }).catch((caught) => caught);
      expect(error).toBeInstanceOf(ApiCallError);
      expect(error.message).toMatch(/no access to ElevenLabs Music.*ACE-Step/);
    } finally {
      await closed.close();
    }
  });

  it("says to check ELEVENLABS_API_KEY when the key is refused, and never shows it", async () => {
    const error = await generateSpeech({
      model: createElevenLabs({ apiKey: "sk_wrong", baseURL: fake.url }).speechModel!(
        "eleven_multilingual_v2",
      ),
      text: "Hi.",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error.message).toMatch(/Check ELEVENLABS_API_KEY/);
    expect(error.message).not.toContain("sk_wrong");
  });

  it("is what elevenlabs:<model> names, from ELEVENLABS_API_KEY and ELEVENLABS_BASE_URL", async () => {
    vi.stubEnv("ELEVENLABS_API_KEY", apiKey);
    vi.stubEnv("ELEVENLABS_BASE_URL", fake.url);
    try {
      const result = await generateSpeech({
        model: "elevenlabs:eleven_flash_v2_5",
        text: "Hello.",
      });
      expect(result).toMatchObject({ provider: "elevenlabs", modelId: "eleven_flash_v2_5" });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("elevenlabs model ids", () => {
  it("passes the service's refusal of a speech model for music (and a typo) on", async () => {
    const fake = await startFakeElevenLabs({ apiKey });
    try {
      const provider = createElevenLabs({ apiKey, baseURL: fake.url });
      await expect(
        generateMusic({
          model: provider.musicModel!("eleven_multilingual_v2"),
          prompt: "lofi",
          maxRetries: 0,
        }),
      ).rejects.toThrow(/does not exist/);
      await expect(
        generateSpeech({
          model: provider.speechModel!("multilingual_v2"),
          text: "Hi.",
          maxRetries: 0,
        }),
      ).rejects.toThrow(/model ID multilingual_v2 does not exist\./);
    } finally {
      await fake.close();
    }
  });
});
