import { type FakeMiniMax, miniMaxFault, startFakeMiniMax } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AbortedError, InvalidInputError, MediaError } from "../../errors.js";
import { generateMusic } from "../../music/generate-music.js";
import { createMiniMax } from "./minimax-provider.js";

const apiKey = "sk-api-minimax-test";
const lyrics = "[Verse]\n雨夜的街灯\n一盏一盏亮起\n[Chorus]\n推开那扇木门\n";

describe("minimax music on the fake MiniMax", () => {
  let fake: FakeMiniMax;
  const model = (id = "music-2.6") => createMiniMax({ apiKey, baseURL: fake.url }).musicModel!(id);
  beforeAll(async () => {
    fake = await startFakeMiniMax({ apiKey });
  });
  beforeEach(() => {
    fake.api.reset();
    fake.files.reset();
  });
  afterAll(() => fake.close());

  it("sings the lyrics to the prompt and decodes the hex MP3", async () => {
    const progress: (string | undefined)[] = [];
    const { audio, warnings } = await generateMusic({
      model: model(),
      prompt: "Indie folk, melancholic, rainy night",
      lyrics,
      onProgress: (update) => progress.push(update.message),
    });
    expect(fake.api.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/music_generation",
      headers: { authorization: `Bearer ${apiKey}` },
      body: {
        model: "music-2.6",
        prompt: "Indie folk, melancholic, rainy night",
        lyrics: lyrics.trim(),
        output_format: "hex",
        audio_setting: { sample_rate: 44100, format: "mp3" },
      },
    });
    expect(fake.api.requests[0]?.body).not.toHaveProperty("is_instrumental");
    expect(audio.mediaType).toBe("audio/mpeg");
    // The fake sings 2 s per lyric line plus 4 s.
    expect(audio.durationSeconds).toBeCloseTo(10, 0);
    expect(warnings).toEqual([]);
    expect(progress.at(-1)).toBe("done");
  });

  it("asks for an instrumental piece when there are no lyrics", async () => {
    const { audio } = await generateMusic({
      model: model(),
      prompt: "lofi hip hop, 80 bpm, piano",
      format: "wav",
    });
    expect(fake.api.requests[0]?.body).toMatchObject({
      is_instrumental: true,
      audio_setting: { format: "wav" },
    });
    expect(audio.mediaType).toBe("audio/wav");
    expect(audio.durationSeconds).toBeCloseTo(10, 1);
  });

  it("refuses an instrumental piece on a model that must have lyrics, before any request", async () => {
    await expect(
      generateMusic({ model: model("music-2.0"), prompt: "ambient drone" }),
    ).rejects.toThrow(InvalidInputError);
    expect(fake.api.requests).toHaveLength(0);
  });

  it("warns that the length cannot be set, and about seed and an unknown format", async () => {
    const { warnings } = await generateMusic({
      model: model(),
      prompt: "city pop",
      lyrics,
      durationSeconds: 30,
      seed: 3,
      format: "ogg",
    });
    expect(warnings.map((warning) => warning.setting).sort()).toEqual([
      "durationSeconds",
      "format",
      "seed",
    ]);
    expect(warnings.find((warning) => warning.setting === "durationSeconds")?.message).toMatch(
      /sets the length from the lyrics/,
    );
  });

  it("refuses over-long lyrics with the numbers", async () => {
    const long = `[Verse]\n${"啦".repeat(3600)}`;
    await expect(generateMusic({ model: model(), prompt: "pop", lyrics: long })).rejects.toThrow(
      /at most 3500/,
    );
  });

  it("says in one line that the account has no music access, and what to use instead", async () => {
    fake.api.inject(miniMaxFault("no-music-access", { path: "/v1/music_generation" }));
    const error = await generateMusic({ model: model(), prompt: "pop", lyrics }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "no-access", isRetryable: false });
    expect((error as Error).message).toMatch(
      /no access to MiniMax music.*hf:facebook\/musicgen-small/,
    );
    expect((error as Error).message).not.toContain("\n");
    expect(fake.api.requests).toHaveLength(1);
  });

  it("retries a rate limit and stops on insufficient balance", async () => {
    fake.api.inject(miniMaxFault("rate-limit", { path: "/v1/music_generation" }));
    await generateMusic({ model: model(), prompt: "pop", lyrics, maxRetries: 1 });
    expect(fake.api.requests).toHaveLength(2);
    fake.api.inject(miniMaxFault("insufficient-balance", { path: "/v1/music_generation" }));
    await expect(generateMusic({ model: model(), prompt: "pop", lyrics })).rejects.toMatchObject({
      code: "insufficient-balance",
    });
    expect(fake.api.requests).toHaveLength(3);
  });

  it("refuses a song cut short", async () => {
    fake.api.inject({ path: "/v1/music_generation", truncateAudio: true });
    await expect(
      generateMusic({ model: model(), prompt: "pop", lyrics, maxRetries: 0 }),
    ).rejects.toBeInstanceOf(MediaError);
  });

  it("stops when the caller aborts a long generation", async () => {
    fake.api.inject({ path: "/v1/music_generation", hang: true });
    const controller = new AbortController();
    const pending = generateMusic({
      model: model(),
      prompt: "pop",
      lyrics,
      signal: controller.signal,
    });
    await fake.api.waitUntil(() => fake.api.requests.length > 0);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await fake.api.waitUntil(() => fake.api.abortedRequests === 1);
  });
});
