import { join } from "node:path";
import { type FakeDashScope, fakeImage, startFakeDashScope, useTempDir } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiCallError, InvalidInputError, InvalidResponseError } from "../../errors.js";
import { FileJobStore } from "../../jobs/job-store.js";
import { resolveModel } from "../../registry.js";
import type { VideoJobStatus, VideoModel, VideoStartOptions } from "../../spec/index.js";
import { decodeVideo } from "../../video/decode-video.js";
import { generateVideo } from "../../video/generate-video.js";
import { dashScopeVideoModel } from "./dashscope-provider.js";

const apiKey = "sk-dashscope-test";
const createPath = "/api/v1/services/aigc/video-generation/video-synthesis";

describe("qwen Wan video on the fake DashScope", () => {
  let fake: FakeDashScope;
  const folder = useTempDir("qwen-video-");
  const model = (id: string, key = apiKey) =>
    dashScopeVideoModel(id, { apiKey: key, baseURL: fake.url });
  const start = (videoModel: VideoModel, options: Partial<VideoStartOptions> = {}) =>
    videoModel.doStart({ prompt: "a paper boat on a rainy street", requestKey: "k1", ...options });
  /** Polls until the state leaves queued/running, recording every state seen. */
  async function settle(videoModel: VideoModel, jobId: string) {
    const seen: string[] = [];
    for (let poll = 0; poll < 10; poll++) {
      const status = await videoModel.doStatus({ jobId });
      seen.push(status.state);
      if (status.state !== "queued" && status.state !== "running") return { status, seen };
    }
    throw new Error(`job ${jobId} never settled: ${seen.join(", ")}`);
  }

  beforeAll(async () => {
    fake = await startFakeDashScope({ apiKey });
  });
  beforeEach(() => {
    fake.api.reset();
    fake.files.reset();
  });
  afterAll(() => fake.close());

  it("creates a text-to-video task with the async header and a W*H size from the ratio", async () => {
    const { jobId } = await start(model("wan2.6-t2v"), { durationSeconds: 7, seed: 42 });
    const request = fake.api.requests[0]!;
    expect(request).toMatchObject({
      method: "POST",
      path: createPath,
      headers: { authorization: `Bearer ${apiKey}`, "x-dashscope-async": "enable" },
      body: {
        model: "wan2.6-t2v",
        input: { prompt: "a paper boat on a rainy street" },
        parameters: { size: "1280*720", duration: 7, seed: 42 },
      },
    });
    expect(fake.book.jobs.get(jobId)?.request).toMatchObject({ seconds: 7, width: 64, height: 36 });
  });

  it("puts vendor options where Wan reads them: negative_prompt and audio_url in input, the rest in parameters", async () => {
    await start(model("wan2.6-t2v"), {
      providerOptions: {
        qwen: { negative_prompt: "blurry", audio_url: "https://a/b.mp3", shot_type: "multi" },
      },
    });
    expect(fake.api.requests[0]?.body).toMatchObject({
      input: { negative_prompt: "blurry", audio_url: "https://a/b.mp3" },
      parameters: { shot_type: "multi" },
    });
    expect(fake.api.requests[0]?.body).not.toHaveProperty("parameters.negative_prompt");
  });

  it.each([
    ["wan2.6-t2v", { aspectRatio: "9:16" }, "720*1280"],
    ["wan2.6-t2v", { aspectRatio: "4:3" }, "1088*832"],
    ["wan2.6-t2v", { size: { width: 1920, height: 1080 } }, "1920*1080"],
    ["wan2.5-t2v-preview", { aspectRatio: "1:1" }, "960*960"],
    ["wan2.2-t2v-plus", {}, "832*480"],
  ] as const)("%s with %o sends size %s and 5 s", async (id, options, size) => {
    await start(model(id), options);
    // No length asked: the service's default (5 s) is sent, the length core priced.
    expect(fake.api.requests[0]?.body).toMatchObject({ parameters: { size, duration: 5 } });
  });

  it("offers the durations, ratios and sizes of each model", () => {
    expect(model("wan2.6-t2v").limits).toMatchObject({
      inputs: ["text"],
      durations: [5, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      aspectRatios: ["16:9", "9:16", "1:1", "4:3", "3:4"],
    });
    expect(model("wan2.6-t2v").limits.sizes).toContain("1920x1080");
    expect(model("wan2.5-t2v-preview").limits.durations).toEqual([5, 10]);
    expect(model("wan2.2-t2v-plus").limits).toMatchObject({ durations: [5] });
    expect(model("wan2.2-t2v-plus").limits.sizes).not.toContain("1280x720");
    expect(model("wan2.6-i2v-flash").limits).toMatchObject({
      inputs: ["image"],
      image: { minSide: 360, maxSide: 2000, maxBytes: 10 * 1024 * 1024 },
    });
  });

  it("sends an image-to-video first frame as base64 data with a 720P resolution", async () => {
    const png = fakeImage({ prompt: "dragon", width: 400, height: 300 });
    const { jobId } = await start(model("wan2.6-i2v"), {
      image: { data: png, width: 400, height: 300 },
      durationSeconds: 5,
    });
    const body = fake.api.requests[0]?.body as {
      input: { img_url: string };
      parameters: Record<string, unknown>;
    };
    expect(body.input.img_url).toBe(`data:image/png;base64,${png.toString("base64")}`);
    expect(body.parameters).toEqual({ resolution: "720P", duration: 5 });
    const { warnings } = await start(model("wan2.6-i2v"), {
      image: { data: png, width: 400, height: 300 },
      aspectRatio: "16:9",
    });
    expect(warnings).toMatchObject([{ setting: "aspectRatio" }]);
    expect(warnings[0]?.message).toMatch(/keeps the picture's shape/);
    const same = await start(model("wan2.6-i2v"), {
      image: { data: png, width: 400, height: 300 },
      aspectRatio: "4:3",
    });
    expect(same.warnings).toEqual([]);
    expect(fake.book.jobs.get(jobId)?.request).toMatchObject({
      image: true,
      width: 64,
      height: 48,
    });
  });

  it("animates a picture end to end through generateVideo: a video of the picture's shape and the asked length", async () => {
    const picture = fakeImage({ prompt: "dragon", width: 720, height: 1280 });
    const { video, job } = await generateVideo({
      model: model("wan2.6-i2v-flash"),
      prompt: "the dragon flaps its wings",
      image: picture,
      seconds: 4,
      store: new FileJobStore(join(folder(), "i2v")),
      pollIntervalMs: 5,
    });
    expect(job.state).toBe("succeeded");
    expect(video).toMatchObject({ width: 36, height: 64 });
    expect(video.durationSeconds).toBeCloseTo(4, 0);
    const body = fake.api.requests[0]?.body as { input: { img_url: string } };
    expect(body.input.img_url.startsWith("data:image/png;base64,")).toBe(true);
  });

  it("a picture under 360 px is refused before anything is sent", async () => {
    const error = await generateVideo({
      model: model("wan2.6-i2v"),
      prompt: "move",
      image: fakeImage({ prompt: "small", width: 320, height: 320 }),
      store: new FileJobStore(join(folder(), "small")),
      pollIntervalMs: 5,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/360/);
    expect(fake.api.requests).toEqual([]);
  });

  it("maps PENDING, RUNNING and SUCCEEDED, and the result link downloads the video it asked for", async () => {
    const videoModel = model("wan2.6-t2v");
    const { jobId } = await start(videoModel, { durationSeconds: 3 });
    const { status, seen } = await settle(videoModel, jobId);
    expect(seen).toEqual(["queued", "running", "running", "succeeded"]);
    const link = (status as Extract<VideoJobStatus, { state: "succeeded" }>).video;
    expect("url" in link && link.url.startsWith(fake.files.origin)).toBe(true);
    if (!("url" in link)) return;
    const expiresIn = Date.parse(link.expiresAt ?? "") - Date.now();
    expect(expiresIn).toBeGreaterThan(23 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(24 * 3600_000);
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    const decoded = await decodeVideo(new Uint8Array(await response.arrayBuffer()), "qwen");
    expect(decoded).toMatchObject({ width: 64, height: 36 });
    expect(decoded.durationSeconds).toBeCloseTo(3, 0);
  });

  it("maps FAILED to failed with DashScope's code and message", async () => {
    fake.book.planNext({ outcome: "failed", queuedPolls: 0, runningPolls: 0 });
    const videoModel = model("wan2.6-t2v");
    const { jobId } = await start(videoModel);
    expect(await videoModel.doStatus({ jobId })).toEqual({
      state: "failed",
      message: "The prompt was flagged by moderation.",
      code: "DataInspectionFailed",
    });
  });

  it("cancels a PENDING task (CANCELED → cancelled) and refuses to cancel a running one", async () => {
    const videoModel = model("wan2.6-t2v");
    const { jobId } = await start(videoModel);
    await videoModel.doCancel!({ jobId });
    expect(fake.api.requests.at(-1)).toMatchObject({
      method: "POST",
      path: `/api/v1/tasks/${jobId}/cancel`,
    });
    expect((await videoModel.doStatus({ jobId })).state).toBe("cancelled");

    fake.book.planNext({ queuedPolls: 0 });
    const running = await start(videoModel);
    expect((await videoModel.doStatus({ jobId: running.jobId })).state).toBe("running");
    const error = await videoModel.doCancel!({ jobId: running.jobId }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.message).toMatch(/PENDING/);
  });

  it("an id DashScope does not know (or no longer keeps) is expired, saying ids live 24 hours", async () => {
    const status = await model("wan2.6-t2v").doStatus({ jobId: "0385dc79-no-such-task" });
    expect(status.state).toBe("expired");
    expect((status as { message: string }).message).toMatch(/0385dc79-no-such-task.*24 hours/);

    fake.book.planNext({ outcome: "expired", queuedPolls: 0, runningPolls: 0 });
    const { jobId } = await start(model("wan2.6-t2v"));
    expect((await model("wan2.6-t2v").doStatus({ jobId })).state).toBe("expired");
  });

  it("refuses a status spelling it does not know instead of waiting on it", async () => {
    fake.book.planNext({
      outcome: { unknownStatus: "SUSPENDED" },
      queuedPolls: 0,
      runningPolls: 0,
    });
    const { jobId } = await start(model("wan2.6-t2v"));
    const error = await model("wan2.6-t2v")
      .doStatus({ jobId })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain('unknown job status "SUSPENDED"');
  });

  it("says keys are per region when the key is refused, without the key", async () => {
    const before = fake.book.created;
    const error = await start(model("wan2.6-t2v", "sk-wrong")).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/dashscope-intl\.aliyuncs\.com/);
    expect(error.message).not.toContain("sk-wrong");
    expect(fake.book.created).toBe(before);
  });

  it("an HTML page instead of JSON is an InvalidResponseError; a 429 stays retryable", async () => {
    const videoModel = model("wan2.6-t2v");
    const { jobId } = await start(videoModel);
    fake.api.inject({
      path: /\/tasks\//,
      status: 200,
      body: "<!doctype html><html><body>Gateway</body></html>",
      contentType: "text/html",
    });
    await expect(videoModel.doStatus({ jobId })).rejects.toBeInstanceOf(InvalidResponseError);
    fake.api.inject({ path: /\/tasks\//, status: 429, headers: { "retry-after": "2" } });
    const limited = await videoModel.doStatus({ jobId }).catch((caught) => caught);
    expect(limited).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 2000 });
  });

  it("the fake refuses a create without the async header, as DashScope does", async () => {
    const response = await fetch(`${fake.url}/services/aigc/video-generation/video-synthesis`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "wan2.6-t2v", input: { prompt: "x" } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      message: "current user api does not support synchronous calls",
    });
  });

  it("is what qwen:<wan model> names, wan2.6-t2v by default, with DASHSCOPE_API_KEY and DASHSCOPE_BASE_URL", async () => {
    vi.stubEnv("DASHSCOPE_API_KEY", apiKey);
    vi.stubEnv("DASHSCOPE_BASE_URL", fake.url);
    try {
      const videoModel = await resolveModel("video", "qwen");
      expect(videoModel).toMatchObject({ provider: "qwen", modelId: "wan2.6-t2v" });
      await start(videoModel);
      expect(fake.api.requests[0]?.path).toBe(createPath);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
