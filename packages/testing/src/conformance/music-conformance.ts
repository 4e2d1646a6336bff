/**
 * The provider conformance suite for music: the same checks on every music provider.
 *
 *   describeMusicConformance("minimax music-2.6", { duration: false, … }, async () => ({ musicModel, server }));
 */
import {
  AbortedError,
  generateMusic,
  InvalidInputError,
  type MusicModel,
  PathError,
} from "@path/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeServer } from "../fake-server.js";
import type { Fault } from "../fault.js";
import { itWhen } from "./register-when.js";

export interface MusicConformanceSubject {
  musicModel: MusicModel;
  /** The fake the provider talks to; absent for in-process engines (no fault checks). */
  server?: FakeServer;
  /** The path of the request that starts a piece, so faults hit it. */
  musicPath?: string | RegExp;
  /** The fault that makes the provider's audio arrive cut short. Default `{ truncateAudio: true }`. */
  truncation?: Fault;
  close?: () => Promise<void>;
}

/** What a provider honours, known before it starts: which checks apply to it. */
export interface MusicSupport {
  /** The asked length reaches the model (the piece comes back within a second of it). */
  duration: boolean;
  /** The seed reaches the wire. */
  seed: boolean;
  /** It sings lyrics (they reach the wire); otherwise lyrics must be warned about. */
  sings: boolean;
  /** It reports progress while the piece is made. */
  progress: boolean;
  /** A format it cannot make: asking for it must warn or be refused, never silently ignored. */
  unsupportedFormat: string;
  /** No fake server stands between the test and the engine, so no HTTP faults can be injected. */
  noFakeServer?: boolean;
}

const seed = 424242;
const lyrics = "[Verse]\nPaper boats on rainy streets\n[Chorus]\nSail away, sail away home\n";

export function describeMusicConformance(
  name: string,
  supports: MusicSupport,
  setup: () => Promise<MusicConformanceSubject>,
) {
  const withFaults = itWhen(!supports.noFakeServer, "no fake server to inject HTTP faults into");
  const sent = () => JSON.stringify(subject.server?.requests.map((request) => request.body) ?? []);
  let subject: MusicConformanceSubject;
  describe(`${name}: music conformance`, () => {
    beforeAll(async () => {
      subject = await setup();
    });
    afterAll(async () => {
      await subject?.close?.();
    });
    const base = () => ({
      model: subject.musicModel,
      prompt: "lofi hip hop, 80 bpm, warm piano",
      maxRetries: 0,
    });
    const reset = () => subject.server?.reset();

    it("returns music that decodes, with a duration, sample rate and channels", async () => {
      const { audio } = await generateMusic(base());
      expect(audio.mediaType).toMatch(/^audio\//);
      expect(audio.durationSeconds).toBeGreaterThan(0);
      expect(audio.sampleRate).toBeGreaterThan(0);
      expect(audio.channels).toBeGreaterThan(0);
    });

    it("makes the length asked for, or says it could not", async () => {
      const durationSeconds = Math.min(7, subject.musicModel.maxDurationSeconds ?? 7);
      const { audio, warnings } = await generateMusic({ ...base(), durationSeconds });
      const honoured = Math.abs(audio.durationSeconds - durationSeconds) <= 1;
      if (supports.duration) expect(honoured).toBe(true);
      else if (!honoured) {
        expect(warnings.map((warning) => warning.setting)).toContain("durationSeconds");
      }
    });

    it("refuses a length over the model's longest piece before any request", async () => {
      const longest = subject.musicModel.maxDurationSeconds;
      if (longest === undefined) return;
      reset();
      await expect(generateMusic({ ...base(), durationSeconds: longest + 1 })).rejects.toThrow(
        InvalidInputError,
      );
      expect(subject.server?.requests ?? []).toEqual([]);
    });

    it("sends the seed, or warns that it cannot", async () => {
      reset();
      const { warnings } = await generateMusic({ ...base(), seed });
      if (supports.seed) expect(sent()).toContain(String(seed));
      else expect(warnings.map((warning) => warning.setting)).toContain("seed");
    });

    it("sings the lyrics, or warns that they were not sung", async () => {
      reset();
      const { warnings } = await generateMusic({ ...base(), lyrics });
      if (supports.sings) expect(sent()).toContain("Paper boats on rainy streets");
      else expect(warnings.map((warning) => warning.setting)).toContain("lyrics");
    });

    it("warns about or refuses a format it cannot make, never ignores it", async () => {
      const format = supports.unsupportedFormat;
      const outcome = await generateMusic({ ...base(), format }).catch((caught: unknown) => caught);
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(InvalidInputError);
        expect(outcome.message).toContain(format);
      } else {
        const { warnings } = outcome as Awaited<ReturnType<typeof generateMusic>>;
        expect(warnings.map((warning) => warning.setting)).toContain("format");
      }
    });

    itWhen(supports.progress, "the provider reports no progress")(
      "reports progress while the piece is made",
      async () => {
        const updates: unknown[] = [];
        await generateMusic({ ...base(), onProgress: (progress) => updates.push(progress) });
        expect(updates.length).toBeGreaterThan(0);
      },
    );

    it("stops when the caller aborts", async () => {
      const controller = new AbortController();
      const server = subject.server;
      if (server) {
        server.reset();
        server.inject({ path: subject.musicPath, hang: true });
      }
      const pending = generateMusic({
        ...base(),
        signal: controller.signal,
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
        subject.server!.inject({ path: subject.musicPath, ...extra } as never);
      };

      withFaults("retries a 429 and then succeeds", async () => {
        fault({ status: 429, headers: { "retry-after-ms": "5", "retry-after": "0" } });
        const { audio } = await generateMusic({ ...base(), maxRetries: 2 });
        expect(audio.durationSeconds).toBeGreaterThan(0);
        const started = subject.server!.requests.filter((request) =>
          subject.musicPath === undefined
            ? true
            : typeof subject.musicPath === "string"
              ? request.path === subject.musicPath
              : subject.musicPath.test(request.path),
        );
        expect(started).toHaveLength(2);
      });

      withFaults("refuses music that arrives cut short with a clear error", async () => {
        fault(subject.truncation ?? { truncateAudio: true });
        const error = await generateMusic(base()).catch((caught: unknown) => caught);
        expect(PathError.isInstance(error)).toBe(true);
        expect((error as Error).message).toMatch(/truncated|cut|closed|short|decode|try again/i);
      });
    });
  });
}
