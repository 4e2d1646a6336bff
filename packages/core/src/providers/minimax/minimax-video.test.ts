import { join } from "node:path";
import {
  type FakeMiniMax,
  fakeImage,
  miniMaxFault,
  startFakeMiniMax,
  useTempDir,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { InvalidInputError, InvalidResponseError, PathError } from "../../errors.js";
import { FileJobStore } from "../../jobs/job-store.js";
import { resolveModel } from "../../registry.js";
import type { VideoJobStatus, VideoModel, VideoStartOptions } from "../../spec/index.js";
import { decodeVideo } from "../../video/decode-video.js";
import { generateVideo } from "../../video/generate-video.js";
import { createMiniMax } from "./minimax-provider.js";

const apiKey = "sk-api-minimax-test";

describe("minimax Hailuo video on the fake MiniMax", () => {
  let fake: FakeMiniMax;
  const folder = useTempDir("minimax-video-");
  const model = (id = "MiniMax-Hailuo-02", key = apiKey) =>
    createMiniMax({ apiKey: key, baseURL: fake.url }).videoModel!(id);
  const start = (videoModel: VideoModel, options: Partial<VideoStartOptions> = {}) =>
    videoModel.doStart({ prompt: "a paper boat [Push in]", requestKey: "k1", ...options });
  async function settle(videoModel: VideoModel, jobId: string) {
    const seen: string[] = [];
    for (let poll = 0; poll < 10; poll++) {
      const status = await videoModel.doStatus({ jobId });
      seen.push(status.state === "queued" ? `queued:${status.message}` : status.state);
      if (status.state !== "queued" && status.state !== "running") return { status, seen };
    }
    throw new Error(`job ${jobId} never settled: ${seen.join(", ")}`);
  }
  const link = (status: VideoJobStatus) => {
    if (status.state !== "succeeded" || !("url" in status.video)) {
      throw new Error(`expected a result link, got ${JSON.stringify(status)}`);
    }
    return status.video;
  };

  beforeAll(async () => {
    fake = await startFakeMiniMax({ apiKey });
  });
  beforeEach(() => {
    fake.api.reset();
    fake.files.reset();
  });
  afterAll(() => fake.close());

  it("creates a task with model, prompt and duration, and warns that there is no seed", async () => {
    const { jobId, warnings } = await start(model(), { durationSeconds: 10, seed: 3 });
    expect(fake.api.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/video_generation",
      headers: { authorization: `Bearer ${apiKey}` },
      body: { model: "MiniMax-Hailuo-02", prompt: "a paper boat [Push in]", duration: 10 },
    });
    expect(jobId).toMatch(/^\d+$/);
    expect(warnings.map((warning) => warning.setting)).toEqual(["seed"]);
    expect(fake.book.jobs.get(jobId)?.request).toMatchObject({ seconds: 10, image: false });
  });

  it("sends the first frame as a data URL", async () => {
    const png = fakeImage({ prompt: "dragon", width: 400, height: 320 });
    const { jobId } = await start(model("MiniMax-Hailuo-2.3-Fast"), {
      image: { data: png, width: 400, height: 320 },
    });
    const body = fake.api.requests[0]?.body as { first_frame_image: string };
    expect(body.first_frame_image).toBe(`data:image/png;base64,${png.toString("base64")}`);
    expect(fake.book.jobs.get(jobId)?.request).toMatchObject({
      image: true,
      width: 64,
      height: 52,
    });
    const { warnings } = await start(model("MiniMax-Hailuo-2.3"), {
      image: { data: png, width: 400, height: 320 },
      aspectRatio: "16:9",
    });
    expect(warnings).toMatchObject([{ setting: "aspectRatio" }]);
    const same = await start(model("MiniMax-Hailuo-2.3"), {
      image: { data: png, width: 400, height: 320 },
      aspectRatio: "5:4",
    });
    expect(same.warnings).toEqual([]);
  });

  it("animates a picture end to end through generateVideo on 2.3-Fast", async () => {
    const picture = fakeImage({ prompt: "dragon", width: 800, height: 600 });
    const { video, job } = await generateVideo({
      model: model("MiniMax-Hailuo-2.3-Fast"),
      prompt: "the dragon flies off",
      image: picture,
      seconds: 6,
      store: new FileJobStore(join(folder(), "i2v")),
      pollIntervalMs: 5,
    });
    expect(job.state).toBe("succeeded");
    expect(video).toMatchObject({ width: 64, height: 48 });
    expect(video.durationSeconds).toBeCloseTo(6, 0);
    expect(fake.files.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it("a picture wider than 5:2 is refused before anything is sent", async () => {
    const error = await generateVideo({
      model: model("MiniMax-Hailuo-2.3"),
      prompt: "pan across",
      image: fakeImage({ prompt: "banner", width: 1200, height: 400 }),
      store: new FileJobStore(join(folder(), "wide")),
      pollIntervalMs: 5,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(fake.api.requests).toEqual([]);
  });

  it("offers 6 or 10 s, text and image on Hailuo 02 and 2.3, images only on 2.3-Fast, with MiniMax's image limits", () => {
    expect(model("MiniMax-Hailuo-02").limits).toMatchObject({
      inputs: ["text", "image"],
      durations: [6, 10],
      aspectRatios: ["16:9"],
      image: { minSide: 301, minAspect: 0.4, maxAspect: 2.5 },
    });
    expect(model("MiniMax-Hailuo-2.3-Fast").limits.inputs).toEqual(["image"]);
    expect(model("MiniMax-Hailuo-2.3").limits.image?.maxBytes).toBeLessThan(20 * 1024 * 1024);
    expect(model("T2V-01").limits).toMatchObject({ inputs: ["text"], durations: [6] });
  });

  it("refuses 1080P at 10 s before anything is sent, and passes 1080P at 6 s on", async () => {
    const error = await start(model(), {
      durationSeconds: 10,
      providerOptions: { minimax: { resolution: "1080P" } },
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/1080P videos of 6 s only/);
    expect(fake.api.requests).toHaveLength(0);
    await start(model(), {
      durationSeconds: 6,
      providerOptions: { minimax: { resolution: "1080P" } },
    });
    expect(fake.api.requests[0]?.body).toMatchObject({ resolution: "1080P", duration: 6 });
  });

  it("maps Preparing, Queueing, Processing and Success; the file's link downloads the video without the key", async () => {
    fake.book.planNext({ queuedPolls: 2, runningPolls: 1 });
    const videoModel = model();
    const { jobId } = await start(videoModel, { durationSeconds: 6 });
    const { status, seen } = await settle(videoModel, jobId);
    expect(seen).toEqual(["queued:Preparing", "queued:Queueing", "running", "succeeded"]);
    const video = link(status);
    expect(fake.api.requests.at(-1)).toMatchObject({
      path: "/v1/files/retrieve",
      query: { file_id: expect.stringMatching(/^\d+$/) },
    });
    expect(video.url.startsWith(fake.files.origin)).toBe(true);
    expect(video.headers).toBeUndefined();
    const response = await fetch(video.url);
    expect(response.status).toBe(200);
    const decoded = await decodeVideo(new Uint8Array(await response.arrayBuffer()), "minimax");
    expect(decoded).toMatchObject({ width: 64, height: 36 });
    expect(decoded.durationSeconds).toBeCloseTo(6, 0);
  });

  it("hands out a fresh link on every status call, so an expired one is replaced", async () => {
    fake.book.planNext({ queuedPolls: 0, runningPolls: 0, expireFirstLink: true });
    const videoModel = model();
    const { jobId } = await start(videoModel);
    const first = link(await videoModel.doStatus({ jobId }));
    expect((await fetch(first.url)).status).toBe(403);
    const second = link(await videoModel.doStatus({ jobId }));
    expect(second.url).not.toBe(first.url);
    expect((await fetch(second.url)).status).toBe(200);
  });

  it("fetches an http:// object-storage link over https, as MiniMax's CLI does", async () => {
    fake.book.planNext({ queuedPolls: 0, runningPolls: 0 });
    const videoModel = model();
    const { jobId } = await start(videoModel);
    fake.api.inject({
      path: "/v1/files/retrieve",
      status: 200,
      body: {
        file: {
          file_id: "1",
          download_url: "http://bucket.oss-cn-hangzhou.aliyuncs.com/v.mp4?Expires=1800000000",
        },
        base_resp: { status_code: 0, status_msg: "success" },
      },
    });
    expect(link(await videoModel.doStatus({ jobId }))).toEqual({
      url: "https://bucket.oss-cn-hangzhou.aliyuncs.com/v.mp4?Expires=1800000000",
      expiresAt: new Date(1_800_000_000_000).toISOString(),
    });
  });

  it("maps a plain Fail to failed", async () => {
    // The book answers this spelling as it is, with base_resp success.
    fake.book.planNext({ outcome: { unknownStatus: "Fail" }, queuedPolls: 0, runningPolls: 0 });
    const videoModel = model();
    const { jobId } = await start(videoModel);
    const status = await videoModel.doStatus({ jobId });
    expect(status.state).toBe("failed");
    expect((status as { message: string }).message).toMatch(/status Fail/);
  });

  it("a moderation code on the query (input 1026, output 1027) ends the job as failed, with MiniMax's code", async () => {
    const videoModel = model();
    const { jobId } = await start(videoModel);
    fake.api.inject(miniMaxFault("sensitive-input", { path: "/v1/query/video_generation" }));
    expect(await videoModel.doStatus({ jobId })).toEqual({
      state: "failed",
      message:
        "minimax's content moderation refused the prompt or image (input new_sensitive); change the prompt or image.",
      code: "1026",
    });
    fake.book.planNext({ outcome: "failed", queuedPolls: 0, runningPolls: 0 });
    const flagged = await start(videoModel);
    expect(await videoModel.doStatus({ jobId: flagged.jobId })).toMatchObject({
      state: "failed",
      code: "1027",
      message: expect.stringContaining("the video it made (output new_sensitive)"),
    });
  });

  it("a task id MiniMax does not know is a failed job that says so", async () => {
    const status = await model().doStatus({ jobId: "999" });
    expect(status).toMatchObject({ state: "failed", code: "2013" });
    expect((status as { message: string }).message).toMatch(/does not know video task 999/);
  });

  it("refuses a status spelling it does not know (the CLI's 'Failed' included)", async () => {
    fake.book.planNext({ outcome: { unknownStatus: "Failed" }, queuedPolls: 0, runningPolls: 0 });
    const { jobId } = await start(model());
    const error = await model()
      .doStatus({ jobId })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain('unknown job status "Failed"');
  });

  it("a refused key is an unauthorized error with the region hint, and no job is made", async () => {
    const before = fake.book.created;
    const error = await start(model("MiniMax-Hailuo-02", "sk-wrong")).catch((caught) => caught);
    expect(error).toBeInstanceOf(PathError);
    expect(error.code).toBe("unauthorized");
    expect(error.message).toMatch(/api\.minimaxi\.com/);
    expect(fake.book.created).toBe(before);
  });

  it("rate limits in base_resp stay retryable, and an HTML page instead of JSON says so", async () => {
    fake.api.inject(miniMaxFault("rate-limit", { path: "/v1/video_generation" }));
    const limited = await start(model()).catch((caught) => caught);
    expect(limited).toMatchObject({ code: "rate-limited", isRetryable: true });
    const { jobId } = await start(model());
    fake.api.inject({
      path: "/v1/query/video_generation",
      status: 200,
      body: "<html><body>502 Bad Gateway</body></html>",
      contentType: "text/html",
    });
    await expect(model().doStatus({ jobId })).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("is what minimax:<model> names, MiniMax-Hailuo-02 by default", async () => {
    vi.stubEnv("MINIMAX_API_KEY", apiKey);
    vi.stubEnv("MINIMAX_BASE_URL", fake.url);
    try {
      const videoModel = await resolveModel("video", "minimax");
      expect(videoModel).toMatchObject({ provider: "minimax", modelId: "MiniMax-Hailuo-02" });
      await start(videoModel);
      expect(fake.api.requests[0]?.path).toBe("/v1/video_generation");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
