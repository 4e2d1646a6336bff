/**
 * The provider conformance suite for video: the same checks on every video provider, run
 * through core's `generateVideo` against the provider's fake (whose jobs live in a
 * {@link VideoJobBook}). Above all: a job that failed never looks like one still running, a
 * status spelling nobody knows ends the wait, and the same request never pays twice.
 *
 *   describeVideoConformance("runway gen4_turbo", { seed: true, renewsLinks: false, … },
 *     async () => ({ imageModel, server: fake.api, book: fake.book, startPath: "/v1/image_to_video", close }));
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  FileJobStore,
  type GenerateVideoOptions,
  generateVideo,
  getVideoStatus,
  InterruptedSubmitError,
  InvalidInputError,
  JobFailedError,
  PathError,
  resumeVideo,
  startVideo,
  type VideoModel,
} from "@path/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeImage } from "../fake-png.js";
import type { FakeServer } from "../fake-server.js";
import type { VideoJobBook } from "../video-job-book.js";
import { itWhen } from "./register-when.js";

export interface VideoConformanceSubject {
  /** A model that makes video from text; absent when the provider only animates pictures. */
  textModel?: VideoModel;
  /** A model that animates a picture; absent when the provider takes text only. */
  imageModel?: VideoModel;
  /** The API server the adapter talks to, for faults. */
  server: FakeServer;
  /** The fake's jobs: `created` counts paid jobs. */
  book: VideoJobBook;
  /** The path of the request that creates a job, so faults hit it. */
  startPath: string | RegExp;
  /** The path of a status request. */
  statusPath: string | RegExp;
  close?: () => Promise<void>;
}

/** What a provider has, known before it starts: which checks apply to it. */
export interface VideoSupport {
  /** The seed reaches the wire. */
  seed: boolean;
  /** Asking again after a result link expired gives a fresh link. */
  renewsLinks: boolean;
  /** The vendor has these end states (§0.2 of the protocol reference). */
  cancelled: boolean;
  expired: boolean;
  /** A job stays in this process only (a Gradio session): resuming from a record is not possible. */
  inProcessOnly?: boolean;
}

const sizeOfPicture = 640;

export function describeVideoConformance(
  name: string,
  supports: VideoSupport,
  setup: () => Promise<VideoConformanceSubject>,
) {
  let subject: VideoConformanceSubject;
  let folder: string;
  let store: FileJobStore;
  describe(`${name}: video conformance`, () => {
    beforeAll(async () => {
      subject = await setup();
    });
    afterAll(async () => {
      await subject?.close?.();
    });
    beforeEach(async () => {
      folder = await mkdtemp(join(tmpdir(), "video-conformance-"));
      store = new FileJobStore(folder);
      subject.server.reset();
    });
    afterEach(async () => {
      await rm(folder, { recursive: true, force: true });
    });

    const model = () => (subject.textModel ?? subject.imageModel)!;
    let counter = 0;
    /** A request of its own for each call (a fresh prompt, so a fresh key), on this test's store. */
    const request = (extra: Partial<GenerateVideoOptions> = {}): GenerateVideoOptions => {
      const chosen = (extra.model as VideoModel | undefined) ?? model();
      const needsImage = !chosen.limits.inputs.includes("text");
      counter += 1;
      return {
        model: chosen,
        prompt: `a paper boat drifting down a rainy street, take ${counter}`,
        image: needsImage ? picture(chosen) : undefined,
        seconds: chosen.limits.durations?.[0],
        store,
        pollIntervalMs: 5,
        maxRetries: 0,
        ...extra,
      };
    };
    const withResume = itWhen(!supports.inProcessOnly, "its jobs live in one process only");

    it("makes a video that decodes, of the length asked for or with a warning", async () => {
      const before = subject.book.created;
      const { video, warnings, job } = await generateVideo(request());
      expect(video.mediaType).toMatch(/^video\//);
      expect(video.durationSeconds).toBeGreaterThan(0);
      expect(video.width).toBeGreaterThan(0);
      const asked = model().limits.durations?.[0];
      if (asked !== undefined && Math.abs(video.durationSeconds! - asked) > 1) {
        expect(warnings.map((warning) => warning.setting)).toContain("seconds");
      }
      expect(subject.book.created).toBe(before + 1);
      expect(job.state).toBe("succeeded");
      expect(job.resultPath).toBeDefined();
    });

    it("reports progress: queued, then running with a rising fraction", async () => {
      subject.book.planNext({ queuedPolls: 2, runningPolls: 3 });
      const seen: { state: string; fraction?: number }[] = [];
      await generateVideo(request({ onProgress: (progress) => seen.push(progress) }));
      const states = seen.map((progress) => progress.state);
      expect(states).toContain("queued");
      expect(states).toContain("running");
      const fractions = seen
        .filter((progress) => progress.state === "running" && progress.fraction !== undefined)
        .map((progress) => progress.fraction!);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    });

    it("ends the wait on a failed job with the vendor's reason, not at the deadline", async () => {
      subject.book.planNext({ outcome: "failed" });
      const error = await generateVideo(request({ maxWaitMs: 20_000 })).catch((caught) => caught);
      expect(error).toBeInstanceOf(JobFailedError);
      expect(error.message).toMatch(/moderation/i);
      const job = [...subject.book.jobs.values()].at(-1)!;
      expect(job.polls).toBeLessThanOrEqual(1 + 2 + 2);
    });

    itWhen(supports.cancelled, "the vendor has no cancelled state")(
      "ends the wait on a cancelled job, saying so",
      async () => {
        subject.book.planNext({ outcome: "cancelled" });
        await expect(generateVideo(request())).rejects.toThrow(/cancel/i);
      },
    );

    itWhen(supports.expired, "the vendor has no expired state")(
      "ends the wait on an expired job, saying so",
      async () => {
        subject.book.planNext({ outcome: "expired" });
        await expect(generateVideo(request())).rejects.toThrow(/expire/i);
      },
    );

    it("ends the wait with a clear error on a status spelling it does not know", async () => {
      subject.book.planNext({ outcome: { unknownStatus: "Teleported" } });
      const error = await generateVideo(request({ maxWaitMs: 20_000 })).catch((caught) => caught);
      expect(error).toBeInstanceOf(PathError);
      expect(error.message).toContain("Teleported");
    });

    withResume(
      "running the same request again resumes its job instead of paying twice",
      async () => {
        const options = request();
        const before = subject.book.created;
        const started = await startVideo(options);
        expect(started.resumed).toBe(false);
        const again = await generateVideo({ ...options });
        expect(again.resumed).toBe(true);
        expect(again.job.key).toBe(started.job.key);
        const third = await generateVideo({ ...options });
        expect(third.resumed).toBe(true);
        expect(subject.book.created).toBe(before + 1);
        const fresh = await generateVideo({ ...options, fresh: true });
        expect(fresh.resumed).toBe(false);
        expect(subject.book.created).toBe(before + 2);
      },
    );

    withResume("a job started in one run is finished by key in the next", async () => {
      const { job } = await startVideo(request());
      const { video, resumed } = await resumeVideo(job.key.slice(0, 8), {
        store,
        pollIntervalMs: 5,
        model: model(),
      });
      expect(resumed).toBe(true);
      expect(video.durationSeconds).toBeGreaterThan(0);
    });

    it("retries a submit answered 429 and makes one job", async () => {
      const before = subject.book.created;
      subject.server.inject({
        path: subject.startPath,
        status: 429,
        headers: { "retry-after-ms": "10", "retry-after": "0" },
      });
      await generateVideo(request({ maxRetries: 2 }));
      expect(subject.book.created).toBe(before + 1);
    });

    withResume("does not send a submit again that got no clear answer", async () => {
      if (model().idempotentStart) return;
      const options = request();
      subject.server.inject({
        path: subject.startPath,
        status: 502,
        body: "<html>Bad gateway</html>",
        contentType: "text/html",
      });
      await expect(generateVideo(options)).rejects.toThrow(PathError);
      const before = subject.book.created;
      await expect(generateVideo({ ...options })).rejects.toThrow(InterruptedSubmitError);
      expect(subject.book.created).toBe(before);
    });

    withResume(
      "says what came back when a status answer is an HTML page, and the job survives it",
      async () => {
        const options = request();
        const { job } = await startVideo(options);
        subject.server.inject({
          path: subject.statusPath,
          status: 200,
          body: "<!DOCTYPE html><html><body>Sign in</body></html>",
          contentType: "text/html",
        });
        const error = await generateVideo({ ...options }).catch((caught) => caught);
        expect(error).toBeInstanceOf(PathError);
        expect(error.message).not.toMatch(/Unexpected token|JSON\.parse/);
        const { video } = await resumeVideo(job.key, { store, pollIntervalMs: 5, model: model() });
        expect(video.durationSeconds).toBeGreaterThan(0);
      },
    );

    it(
      supports.renewsLinks
        ? "renews an expired result link"
        : "says the video can no longer be downloaded when its link expired",
      async () => {
        subject.book.planNext({ expireFirstLink: true });
        const outcome = await generateVideo(request()).catch((caught) => caught);
        if (supports.renewsLinks) {
          expect(outcome.video.durationSeconds).toBeGreaterThan(0);
        } else {
          expect(outcome).toBeInstanceOf(JobFailedError);
          expect(outcome.message).toMatch(/expired/);
        }
      },
    );

    it("refuses an image too small for the model before any request", async () => {
      const imageModel = subject.imageModel;
      const minSide = imageModel?.limits.image?.minSide;
      if (!imageModel || minSide === undefined) return;
      const tiny = fakeImage({ prompt: "tiny", width: minSide - 2, height: minSide - 2 });
      await expect(generateVideo(request({ model: imageModel, image: tiny }))).rejects.toThrow(
        InvalidInputError,
      );
      expect(subject.server.requests).toEqual([]);
    });

    it("refuses a length longer than any the model offers, naming the ones it does", async () => {
      const offered = model().limits.durations;
      if (!offered?.length) return;
      const longest = Math.max(...offered);
      const error = await generateVideo(request({ seconds: longest + 5 })).catch(
        (caught) => caught,
      );
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.message).toContain(String(longest));
      expect(subject.server.requests).toEqual([]);
    });

    it("sends the seed, or warns that it cannot", async () => {
      const seed = 424242;
      const { warnings } = await generateVideo(request({ seed }));
      const sent = JSON.stringify(
        subject.server.requests.map(
          (recorded) => recorded.body ?? recorded.rawBody.toString("latin1"),
        ),
      );
      if (supports.seed) expect(sent).toContain(String(seed));
      else expect(warnings.map((warning) => warning.setting)).toContain("seed");
    });

    withResume(
      "a job id the provider does not know never looks like one still running",
      async () => {
        const { job } = await startVideo(request());
        const foreign = { ...job, providerJobId: `${job.providerJobId}-unknown` };
        const outcome = await getVideoStatus(foreign, {
          store,
          model: model(),
          maxRetries: 0,
        }).then(
          ({ status }) => status?.state ?? "no status",
          (caught: Error) => caught,
        );
        if (typeof outcome === "string") expect(["failed", "expired"]).toContain(outcome);
        else expect(outcome.message).toMatch(/unknown|not found|no such|does not exist|expired/i);
      },
    );
  });
}

function picture(model: VideoModel): Buffer {
  const side = Math.max(sizeOfPicture, model.limits.image?.minSide ?? 0);
  return fakeImage({
    prompt: "a dragon",
    width: side,
    height: Math.round((side * 9) / 16 / 2) * 2,
  });
}
