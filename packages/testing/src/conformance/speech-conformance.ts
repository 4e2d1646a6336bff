/**
 * The provider conformance suite for speech: the same checks on every speech provider.
 *
 *   describeSpeechConformance("system", { speed: true, … }, async () => ({ speechModel }));
 */
import {
  AbortedError,
  generateSpeech,
  InvalidInputError,
  PathError,
  type SpeechModel,
} from "@path/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeServer } from "../fake-server.js";
import { itWhen } from "./register-when.js";

export interface SpeechConformanceSubject {
  speechModel: SpeechModel;
  /** The fake the provider talks to; absent for in-process or local engines (no fault checks). */
  server?: FakeServer;
  /** The path of the speech route, so faults hit it. */
  speechPath?: string | RegExp;
  close?: () => Promise<void>;
}

/** What a provider honours, known before it starts: which checks apply to it. */
export interface SpeechSupport {
  /** A voice it has, and one it does not. */
  voices: { known: string; unknown: string };
  /** Speed reaches the engine (faster speech is shorter). */
  speed: boolean;
  /** A format it cannot make: asking for it must warn or be refused, never silently ignored. */
  unsupportedFormat: string;
  /** No fake server stands between the test and the engine, so no HTTP faults can be injected. */
  noFakeServer?: boolean;
}

export function describeSpeechConformance(
  name: string,
  supports: SpeechSupport,
  setup: () => Promise<SpeechConformanceSubject>,
) {
  const withFaults = itWhen(!supports.noFakeServer, "no fake server to inject HTTP faults into");
  describe(`${name}: speech conformance`, () => {
    let subject: SpeechConformanceSubject;
    beforeAll(async () => {
      subject = await setup();
    });
    afterAll(async () => {
      await subject?.close?.();
    });
    const base = () => ({
      model: subject.speechModel,
      text: "Welcome to the world of generative AI.",
      voice: supports.voices.known,
      maxRetries: 0,
    });

    it("returns audio that decodes, with a duration, sample rate and channels", async () => {
      const { audio } = await generateSpeech(base());
      expect(audio.mediaType).toMatch(/^audio\//);
      expect(audio.container).not.toBe("");
      expect(audio.durationSeconds).toBeGreaterThan(0);
      expect(audio.sampleRate).toBeGreaterThan(0);
      expect(audio.channels).toBeGreaterThan(0);
    });

    it("takes longer to read a longer text", async () => {
      const short = await generateSpeech({ ...base(), text: "Hello." });
      const long = await generateSpeech({
        ...base(),
        text: "Hello. This sentence is a good deal longer than the first one, so it takes longer to say.",
      });
      expect(long.audio.durationSeconds).toBeGreaterThan(short.audio.durationSeconds);
    });

    itWhen(supports.speed, "speed does not reach the engine")(
      "reads faster at a higher speed",
      async () => {
        const normal = await generateSpeech(base());
        const fast = await generateSpeech({ ...base(), speed: 2 });
        expect(fast.audio.durationSeconds).toBeLessThan(normal.audio.durationSeconds);
      },
    );

    it("warns about or refuses a format it cannot make, never ignores it", async () => {
      const format = supports.unsupportedFormat;
      const outcome = await generateSpeech({ ...base(), format }).catch(
        (caught: unknown) => caught,
      );
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(InvalidInputError);
        expect(outcome.message).toContain(format);
      } else {
        const { warnings } = outcome as Awaited<ReturnType<typeof generateSpeech>>;
        expect(warnings.map((warning) => warning.setting)).toContain("format");
      }
    });

    it("refuses a voice it does not have, naming it", async () => {
      const voice = supports.voices.unknown;
      const error = await generateSpeech({ ...base(), voice }).catch((caught: unknown) => caught);
      expect(PathError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(voice);
    });

    it("stops when the caller aborts", async () => {
      const controller = new AbortController();
      const server = subject.server;
      if (server) {
        server.reset();
        server.inject({ path: subject.speechPath, hang: true });
      }
      const pending = generateSpeech({
        ...base(),
        signal: controller.signal,
        // Without a server to hang, abort as soon as the call has started.
        onEvent: (event) => {
          if (!server && event.type === "start") controller.abort();
        },
      });
      if (server) {
        await server.waitUntil(() => server.requests.length > 0);
        controller.abort();
      }
      await expect(pending).rejects.toBeInstanceOf(AbortedError);
    });

    describe("faults (needs a fake server)", () => {
      const fault = (extra: object) => {
        subject.server!.reset();
        subject.server!.inject({ path: subject.speechPath, ...extra } as never);
      };

      withFaults("retries a 429 and then succeeds", async () => {
        fault({ status: 429, headers: { "retry-after-ms": "5", "retry-after": "0" } });
        const { audio } = await generateSpeech({ ...base(), maxRetries: 2 });
        expect(audio.durationSeconds).toBeGreaterThan(0);
        expect(subject.server!.requests).toHaveLength(2);
      });

      // A cut WAV is caught by decoding; a cut MP3 only by its transfer (Content-Length) or
      // the length the provider announced: either way, a clear error and no audio.
      withFaults("refuses a truncated file with a clear error", async () => {
        fault({ truncateAudio: true });
        const error = await generateSpeech(base()).catch((caught: unknown) => caught);
        expect(PathError.isInstance(error)).toBe(true);
        expect((error as Error).message).toMatch(/truncated|cut|closed|short|decode|try again/i);
      });
    });
  });
}
