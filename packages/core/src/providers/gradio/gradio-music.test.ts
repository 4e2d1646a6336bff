import { describeMusicConformance, type FakeGradio, startFakeGradio } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InvalidInputError, PathError } from "../../errors.js";
import { generateMusic } from "../../music/generate-music.js";
import { createGradio } from "./gradio-provider.js";

describeMusicConformance(
  "gradio (an ACE-Step-like app through @gradio/client)",
  { duration: true, seed: true, sings: true, progress: true, unsupportedFormat: "aiff" },
  async () => {
    const server = await startFakeGradio({ kind: "text-to-music", stepDelayMs: 1 });
    return {
      server,
      musicModel: createGradio().musicModel(server.url),
      musicPath: "/gradio_api/queue/join",
      truncation: { path: /^\/gradio_api\/file=/, truncateAudio: true },
      close: () => server.close(),
    };
  },
);

describe("gradio music on an ACE-Step-like app", () => {
  let server: FakeGradio;
  const model = () => createGradio().musicModel(server.url);
  beforeAll(async () => {
    server = await startFakeGradio({ kind: "text-to-music" });
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it("puts tags, lyrics, length, seed and format on the inputs that take them", async () => {
    const lyrics = "[Verse]\n春节里一条可爱的小龙\n[Chorus]\n飞呀飞\n";
    const { audio, seed } = await generateMusic({
      model: model(),
      prompt: "upbeat c-pop, 110 bpm, female vocal",
      lyrics,
      durationSeconds: 12,
      seed: 42,
      format: "mp3",
    });
    const join = server.requests.find((request) => request.path === "/gradio_api/queue/join")!;
    expect((join.body as { data: unknown[] }).data).toEqual([
      "mp3",
      12,
      "upbeat c-pop, 110 bpm, female vocal",
      lyrics.trim(),
      60,
      15,
      "42",
    ]);
    expect(audio.mediaType).toBe("audio/mpeg");
    expect(audio.durationSeconds).toBeCloseTo(12, 0);
    expect(seed).toBe(42);
  });

  it("asks for an instrumental piece when there are no lyrics", async () => {
    await generateMusic({ model: model(), prompt: "lofi", durationSeconds: 5 });
    const join = server.requests.find((request) => request.path === "/gradio_api/queue/join")!;
    expect((join.body as { data: unknown[] }).data[3]).toBe("[instrumental]");
  });

  it("says which outputs an app has when none is audio", async () => {
    const images = await startFakeGradio({ kind: "text-to-image" });
    try {
      const error = await generateMusic({
        model: createGradio().musicModel(images.url),
        prompt: "lofi",
      }).catch((caught) => caught);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.message).toMatch(/no endpoint that takes a prompt and returns audio.*\/infer/);
    } finally {
      await images.close();
    }
  });

  it("refuses an endpoint named by hand that returns no audio", async () => {
    const images = await startFakeGradio({ kind: "text-to-image" });
    try {
      await expect(
        generateMusic({ model: createGradio().musicModel(`${images.url}#/infer`), prompt: "lofi" }),
      ).rejects.toThrow(/returns no audio/);
    } finally {
      await images.close();
    }
  });

  it("passes an app's own failure on in one line", async () => {
    server.failNextJob("CUDA out of memory");
    const error = await generateMusic({ model: model(), prompt: "lofi", maxRetries: 0 }).catch(
      (caught) => caught,
    );
    expect(PathError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/CUDA out of memory/);
  });
});
