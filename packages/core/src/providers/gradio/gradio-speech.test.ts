import { type FakeGradio, fakeWav, startFakeGradio } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InvalidInputError, PathError } from "../../errors.js";
import { generateSpeech } from "../../speech/generate-speech.js";
import { createGradio } from "./gradio-provider.js";

// Not the speech conformance suite: a Gradio call is several requests (config, info, join,
// the event stream), and a plain TTS app has no voices to refuse; these are its checks.
describe("gradio speech on a plain TTS app", () => {
  let server: FakeGradio;
  const model = () => createGradio().speechModel(server.url);
  beforeAll(async () => {
    server = await startFakeGradio({ kind: "text-to-audio" });
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it("finds the endpoint that returns audio and reads a longer text for longer", async () => {
    const short = await generateSpeech({ model: model(), text: "Hello there." });
    const long = await generateSpeech({
      model: model(),
      text: "Hello there. This sentence is a good deal longer than the first one.",
    });
    expect(server.requests.some((request) => request.path === "/gradio_api/queue/join")).toBe(true);
    expect(long.audio.durationSeconds).toBeGreaterThan(short.audio.durationSeconds);
  });

  it("warns about the voice, speed and seed an app has no input for", async () => {
    const { warnings } = await generateSpeech({
      model: model(),
      text: "Hi.",
      voice: "alloy",
      speed: 2,
      seed: 1,
    });
    expect(warnings.map((warning) => warning.setting).sort()).toEqual(["seed", "speed", "voice"]);
  });

  it("refuses audio whose download is cut short", async () => {
    server.inject({ path: /^\/gradio_api\/file=/, truncateAudio: true });
    const error = await generateSpeech({
      model: model(),
      text: "Hello there.",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(PathError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/closed|truncated|cut/);
  });
});

describe("gradio voice cloning on an F5-TTS-like app", () => {
  let server: FakeGradio;
  const model = () => createGradio().speechModel(server.url);
  beforeAll(async () => {
    server = await startFakeGradio({ kind: "voice-clone" });
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it("uploads the clip and sends its transcript, the text, speed and seed to the inputs that take them", async () => {
    const { audio, seed } = await generateSpeech({
      model: model(),
      text: "这是我复刻的声音。",
      referenceAudio: fakeWav({ durationSeconds: 5 }),
      referenceText: "hello, this is me",
      speed: 1.5,
      seed: 7,
    });
    const upload = server.requests.find((request) => request.path === "/gradio_api/upload");
    expect(upload?.rawBody.includes(Buffer.from("RIFF"))).toBe(true);
    const join = server.requests.find((request) => request.path === "/gradio_api/queue/join")!;
    const data = (join.body as { data: unknown[] }).data;
    expect((data[0] as { path: string }).path).toMatch(/reference\.wav$/);
    expect(data.slice(1)).toEqual([
      "hello, this is me",
      "这是我复刻的声音。",
      false,
      false,
      7,
      1.5,
    ]);
    expect(audio.mediaType).toBe("audio/wav");
    // The fake says 0.06 s a character at the speed asked, at least 0.5 s: 9 characters at 1.5×.
    expect(audio.durationSeconds).toBeCloseTo(0.5, 1);
    expect(seed).toBe(7);
  });

  it("refuses a clip that is not audio before uploading anything", async () => {
    await expect(
      generateSpeech({
        model: model(),
        text: "hi",
        referenceAudio: new TextEncoder().encode("not a wav at all"),
      }),
    ).rejects.toThrow(InvalidInputError);
    expect(server.requests.filter((request) => request.path === "/gradio_api/upload")).toEqual([]);
  });

  it("says an app without a clip input cannot copy a voice", async () => {
    const tts = await startFakeGradio({ kind: "text-to-audio" });
    try {
      await expect(
        generateSpeech({
          model: createGradio().speechModel(tts.url),
          text: "hi",
          referenceAudio: fakeWav({ durationSeconds: 5 }),
        }),
      ).rejects.toThrow(/no endpoint that takes a reference clip/);
    } finally {
      await tts.close();
    }
  });
});
