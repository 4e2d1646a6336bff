/**
 * Core's side of video jobs, on a minimal HTTP adapter over the shared fake job book: the
 * conformance suite (which every provider also runs) plus what core alone decides — cost
 * questions, the daily budget, saving, and what a run killed at each step leaves behind.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  describeVideoConformance,
  type FakeServer,
  startFakeServer,
  useTempDir,
  VideoJobBook,
} from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiCallError, InvalidInputError, InvalidResponseError, PathError } from "../errors.js";
import { FileJobStore } from "../jobs/job-store.js";
import type { VideoJobStatus, VideoModel } from "../spec/index.js";
import {
  findVideoJob,
  type GenerateVideoOptions,
  generateVideo,
  listVideoJobs,
  resumeVideo,
  startVideo,
} from "./generate-video.js";

/** A made-up vendor: POST /jobs, GET /jobs/:id, results on the same origin. */
async function startReferenceVendor() {
  const book = new VideoJobBook();
  const server = await startFakeServer(async (exchange) => {
    const { request } = exchange;
    if (await book.serveResult(exchange)) return;
    if (request.method === "POST" && request.path === "/jobs") {
      const body = request.body as {
        prompt: string;
        seconds?: number;
        seed?: number;
        image?: string;
      };
      const job = book.create({ prompt: body.prompt, seconds: body.seconds, image: !!body.image });
      return exchange.json({ id: job.id });
    }
    const id = /^\/jobs\/([^/]+)$/.exec(request.path)?.[1];
    const snapshot = id && book.poll(id);
    if (!snapshot) return exchange.json({ error: "no such job" }, 404);
    const job = book.jobs.get(id)!;
    const status = snapshot.unknownStatus ?? snapshot.state;
    const url = snapshot.state === "succeeded" ? book.resultUrl(job, server.origin) : undefined;
    exchange.json({ status, progress: snapshot.progress, url, failure: snapshot.failure });
  });
  return { book, server };
}

function referenceModel(server: FakeServer, overrides: Partial<VideoModel> = {}): VideoModel {
  return {
    specVersion: "v1",
    provider: "reference",
    modelId: "clip-1",
    limits: {
      inputs: ["text", "image"],
      durations: [4, 8],
      aspectRatios: ["16:9", "9:16"],
      image: { minSide: 300 },
    },
    async doStart(options) {
      const response = await fetch(`${server.origin}/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          prompt: options.prompt,
          seconds: options.durationSeconds,
          seed: options.seed,
          image: options.image && Buffer.from(options.image.data).toString("base64"),
        }),
        signal: options.signal,
      });
      if (!response.ok) {
        throw new ApiCallError({
          provider: "reference",
          status: response.status,
          message: await response.text(),
        });
      }
      return { jobId: ((await response.json()) as { id: string }).id, warnings: [] };
    },
    async doStatus({ jobId, signal }): Promise<VideoJobStatus> {
      const response = await fetch(`${server.origin}/jobs/${jobId}`, { signal });
      const text = await response.text();
      if (!response.ok) {
        throw new ApiCallError({
          provider: "reference",
          status: response.status,
          message: `job ${jobId} is unknown (${text})`,
        });
      }
      let body: { status: string; progress: number; url?: string; failure?: string };
      try {
        body = JSON.parse(text);
      } catch {
        throw new InvalidResponseError(
          "reference",
          `an HTML page instead of JSON: "${text.slice(0, 40)}"`,
        );
      }
      switch (body.status) {
        case "queued":
        case "running":
          return { state: body.status, progress: body.progress };
        case "succeeded":
          return { state: "succeeded", video: { url: body.url! } };
        case "failed":
        case "cancelled":
        case "expired":
          return { state: body.status, message: body.failure ?? body.status };
        default:
          throw new InvalidResponseError("reference", `unknown job status "${body.status}"`);
      }
    },
    ...overrides,
  };
}

describeVideoConformance(
  "reference vendor",
  { seed: true, renewsLinks: true, cancelled: true, expired: true },
  async () => {
    const { book, server } = await startReferenceVendor();
    const model = referenceModel(server);
    return {
      textModel: model,
      imageModel: model,
      server,
      book,
      startPath: "/jobs",
      statusPath: /^\/jobs\//,
      close: server.close,
    };
  },
);

describe("generateVideo: what core decides", () => {
  const folder = useTempDir("video-core-");
  let vendor: Awaited<ReturnType<typeof startReferenceVendor>>;
  let counter = 0;
  beforeAll(async () => {
    vendor = await startReferenceVendor();
  });
  afterAll(() => vendor.server.close());
  const options = (
    extra: Omit<Partial<GenerateVideoOptions>, "model" | "store"> & { model?: VideoModel } = {},
  ) => {
    counter += 1;
    const directory = join(folder(), `store-${counter}`);
    return {
      prompt: "a paper boat",
      seconds: 4,
      pollIntervalMs: 5,
      ...extra,
      model: extra.model ?? referenceModel(vendor.server),
      store: new FileJobStore(directory),
    } satisfies GenerateVideoOptions;
  };

  it("asks before paying and submits nothing when the answer is no", async () => {
    const before = vendor.book.created;
    const asked: unknown[] = [];
    const run = options({ confirmCost: (question) => asked.push(question) < 0 });
    await expect(generateVideo(run)).rejects.toThrow(/not accepted/);
    expect(asked).toEqual([
      { provider: "reference", modelId: "clip-1", seconds: 4, cost: undefined },
    ]);
    expect(vendor.book.created).toBe(before);
    expect(await run.store.list()).toEqual([]);
  });

  it("does not ask again when it resumes a job that was already paid for", async () => {
    const run = options();
    await startVideo(run);
    let asked = 0;
    const { resumed } = await generateVideo({ ...run, confirmCost: () => ++asked > 0 });
    expect(resumed).toBe(true);
    expect(asked).toBe(0);
  });

  it("refuses a job that would go over GENAI_VIDEO_BUDGET, counting today's jobs", async () => {
    const { setVideoPrices } = await import("./video-prices.js");
    setVideoPrices({ "reference:clip-1": 0.25 });
    process.env.GENAI_VIDEO_BUDGET = "1.5";
    try {
      const run = options();
      await generateVideo(run); // $1.00 of 4 s
      const error = await generateVideo({ ...run, prompt: "another boat" }).catch(
        (caught) => caught,
      );
      expect(error).toBeInstanceOf(PathError);
      expect(error.message).toMatch(
        /\$1\.00 would take today's video spend to \$2\.00, over GENAI_VIDEO_BUDGET=1\.5/,
      );
    } finally {
      delete process.env.GENAI_VIDEO_BUDGET;
      setVideoPrices({ "reference:clip-1": 0 });
    }
  });

  it("keeps a video once: saved, recorded, and found saved when the request runs again", async () => {
    const run = options();
    const made = await generateVideo(run);
    const path = join(folder(), `boat-${counter}.mp4`);
    await made.keep(path);
    const record = (await run.store.list())[0]!;
    expect(record.state).toBe("saved");
    expect(record.outputPath).toBe(path);
    expect(record.resultPath).toBeUndefined();
    expect(
      (await readdir(join(folder(), `store-${counter}`))).filter((name) => name.endsWith(".video")),
    ).toEqual([]);
    const again = await generateVideo({ ...run });
    expect(again.savedTo).toBe(path);
    expect(again.video.bytes.length).toBe(made.video.bytes.length);
  });

  it("stays saved however often the request runs again", async () => {
    const run = options();
    const made = await generateVideo(run);
    const path = join(folder(), `again-${counter}.mp4`);
    await made.keep(path);
    for (let time = 0; time < 2; time++) {
      const again = await generateVideo({ ...run });
      expect(again.savedTo).toBe(path);
      const record = (await run.store.get(made.job.key))!;
      expect(record.state).toBe("saved");
      expect(record.resultPath).toBeUndefined();
    }
  });

  it("names the current job by a short key after --new kept the earlier one", async () => {
    const run = options();
    const first = await startVideo(run);
    await startVideo({ ...run, fresh: true });
    const keys = (await run.store.list()).map((record) => record.key);
    expect(keys.filter((key) => key.startsWith(first.job.key))).toHaveLength(2);
    const found = await findVideoJob(first.job.key.slice(0, 8), { store: run.store });
    expect(found.key).toBe(first.job.key);
  });

  it("asks no price for a request whose record is damaged or whose submit was interrupted", async () => {
    let asked = 0;
    const confirmCost = () => ++asked > 0;
    // A model with no price, so the question is asked for every paid submit.
    const unpriced = referenceModel(vendor.server, { modelId: "clip-unpriced" });
    const damagedRun = options({ confirmCost, model: unpriced });
    const { job } = await startVideo(damagedRun);
    await writeFile(damagedRun.store.pathOf(job.key), "{ not a record");
    await expect(generateVideo({ ...damagedRun })).rejects.toThrow(/damaged/);
    const interruptedRun = options({ confirmCost, model: unpriced });
    const started = await startVideo(interruptedRun);
    const record = (await interruptedRun.store.get(started.job.key))!;
    const { providerJobId: _dropped, ...submitting } = record;
    await interruptedRun.store.put({
      ...submitting,
      state: "submitting",
      updatedAt: new Date(Date.now() - 120_000).toISOString(),
    });
    await expect(generateVideo({ ...interruptedRun })).rejects.toThrow(
      /may have been created and charged/,
    );
    expect(asked).toBe(2); // the two first submits only
  });

  it("sees a save that finished just before a kill, and does not save it twice", async () => {
    const run = options();
    const made = await generateVideo(run);
    const path = join(folder(), `killed-${counter}.mp4`);
    // What a kill between writing the file and recording "saved" leaves: outputPath and the file.
    const key = made.job.key;
    const record = (await run.store.get(key))!;
    await run.store.put({ ...record, outputPath: path });
    await made.video.save(path);
    const again = await generateVideo({ ...run });
    expect(again.savedTo).toBe(path);
    expect((await run.store.get(key))!.state).toBe("saved");
  });

  it("downloads a finished-but-not-downloaded video on resume, without a new job", async () => {
    const run = options();
    const { job } = await startVideo(run);
    const before = vendor.book.created;
    // Poll it to the end in "another process", then kill before the download: no resultPath.
    const { getVideoStatus } = await import("./generate-video.js");
    for (let i = 0; i < 5; i++)
      await getVideoStatus(job.key, { store: run.store, model: run.model });
    expect((await run.store.get(job.key))!.state).toBe("succeeded");
    const { video } = await resumeVideo(job.key, {
      store: run.store,
      model: run.model,
      pollIntervalMs: 5,
    });
    expect(video.durationSeconds).toBeCloseTo(4, 0);
    expect(vendor.book.created).toBe(before);
  });

  it("refuses seconds over the model's longest, takes the nearest with a warning otherwise", async () => {
    await expect(generateVideo(options({ seconds: 30 }))).rejects.toThrow(
      "reference:clip-1 makes at most 8 s in one clip; it offers 4, 8 s.",
    );
    const { warnings, video } = await generateVideo(options({ seconds: 7 }));
    expect(warnings.map((warning) => warning.message)).toContain(
      "reference:clip-1 makes 4, 8 s clips: 8 s was asked for instead of 7 s.",
    );
    expect(video.durationSeconds).toBeCloseTo(8, 0);
  });

  it("refuses a ratio far from any offered and names the ones it has", async () => {
    await expect(generateVideo(options({ aspectRatio: "1:1" }))).rejects.toThrow(
      "reference:clip-1 does not make 1:1; it offers 16:9, 9:16.",
    );
  });

  it("refuses an image on a text-only model and text alone on an image-only one", async () => {
    const textOnly = referenceModel(vendor.server, { limits: { inputs: ["text"] } });
    const { fakeImage } = await import("@path/testing");
    const image = fakeImage({ prompt: "dragon", width: 320, height: 320 });
    await expect(generateVideo(options({ model: textOnly, image }))).rejects.toThrow(
      /makes video from text only/,
    );
    const imageOnly = referenceModel(vendor.server, { limits: { inputs: ["image"] } });
    await expect(generateVideo(options({ model: imageOnly }))).rejects.toThrow(
      /animates a picture/,
    );
  });

  it("refuses a picture that is not an image, saying what it is", async () => {
    const notImage = Buffer.from("hello, this is text");
    await expect(generateVideo(options({ image: notImage }))).rejects.toThrow(/not a PNG, JPEG/);
  });

  it("finds a job by a short key and explains an unknown or ambiguous one", async () => {
    const run = options();
    const { job } = await startVideo(run);
    expect((await findVideoJob(job.key.slice(0, 8), { store: run.store })).key).toBe(job.key);
    await expect(findVideoJob("deadbeef", { store: run.store })).rejects.toThrow(
      /No video job deadbeef is recorded in .*jobs command lists the ones there are/,
    );
    await expect(findVideoJob("video_123", { store: run.store })).rejects.toThrow(
      InvalidInputError,
    );
  });

  it("lists a damaged record file as unreadable and leaves it where it is", async () => {
    const run = options();
    await startVideo(run);
    const damaged = join(run.store.directory, "0123abcd.json");
    await writeFile(damaged, "{ half a rec");
    const { jobs, unreadable } = await listVideoJobs({ store: run.store });
    expect(jobs).toHaveLength(1);
    expect(unreadable).toEqual([damaged]);
    expect(await readFile(damaged, "utf8")).toBe("{ half a rec");
  });
});
