import {
  type FakeOpenAI,
  fakeImage,
  parseMultipart,
  startFakeOpenAI,
  useTempDir,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiCallError, InvalidInputError, InvalidResponseError } from "../../errors.js";
import { FileJobStore } from "../../jobs/job-store.js";
import { toPathError } from "../../map-error.js";
import { resolveModel } from "../../registry.js";
import type { VideoJobStatus, VideoModel, VideoStartOptions } from "../../spec/index.js";
import { decodeVideo } from "../../video/decode-video.js";
import { generateVideo } from "../../video/generate-video.js";
import { builtinProviders } from "../builtin-providers.js";
import { createOpenAICompatible } from "./openai-provider.js";
import { openAICompatiblePresets } from "./presets.js";

const preset = openAICompatiblePresets.find((candidate) => candidate.id === "openai")!;
const apiKey = "sk-test-sora";

describe("openai video (Sora) through the real client on the fake server", () => {
  let server: FakeOpenAI;
  let model: (modelId?: string) => VideoModel;
  const folder = useTempDir("openai-video-");
  const start = (options: Partial<VideoStartOptions>, modelId?: string) =>
    model(modelId).doStart({ prompt: "a paper boat", requestKey: "key-1", ...options });
  /** Polls until the job leaves queued/running, returning every status seen. */
  const pollToEnd = async (jobId: string, modelId?: string) => {
    const seen: VideoJobStatus[] = [];
    for (let poll = 0; poll < 20; poll++) {
      const status = await model(modelId).doStatus({ jobId });
      seen.push(status);
      if (status.state !== "queued" && status.state !== "running") return seen;
    }
    throw new Error(`job ${jobId} never finished: ${JSON.stringify(seen.at(-1))}`);
  };

  beforeAll(async () => {
    server = await startFakeOpenAI({ apiKey });
    const provider = createOpenAICompatible(preset, { apiKey, baseURL: server.url });
    model = (modelId = "sora-2") => provider.videoModel!(modelId);
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  it("sends create as multipart with model, prompt, seconds and size as strings", async () => {
    const { jobId, warnings, response } = await start({
      prompt: "a paper boat drifting down a rainy street",
      durationSeconds: 8,
      aspectRatio: "16:9",
    });
    const request = server.requests[0]!;
    expect(request).toMatchObject({ method: "POST", path: "/v1/videos" });
    expect(request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const parts = await parseMultipart(request);
    const fields = Object.fromEntries(parts.map((part) => [part.name, part.data.toString()]));
    expect(fields).toEqual({
      model: "sora-2",
      prompt: "a paper boat drifting down a rainy street",
      seconds: "8",
      size: "1280x720",
    });
    expect(jobId).toMatch(/^video_[0-9a-f]{32}$/);
    expect(server.book.jobs.get(jobId)?.request).toMatchObject({
      seconds: 8,
      width: 1280,
      height: 720,
      image: false,
      model: "sora-2",
    });
    expect(warnings).toEqual([]);
    expect(response).toEqual({ id: expect.stringMatching(/^req_fake/), modelId: "sora-2" });
  });

  it("maps 9:16 and no ratio to the 720p sizes, and sends an exact size as asked", async () => {
    await start({ aspectRatio: "9:16" });
    await start({});
    await start({ size: { width: 1792, height: 1024 } }, "sora-2-pro");
    const sizes = await Promise.all(
      server.requests.map(async (request) =>
        (await parseMultipart(request)).find((part) => part.name === "size")?.data.toString(),
      ),
    );
    expect(sizes).toEqual(["720x1280", "1280x720", "1792x1024"]);
  });

  it("sends an input image as the input_reference file part, the video made at its size", async () => {
    const png = fakeImage({ width: 720, height: 1280, prompt: "dragon" });
    const { jobId } = await start({
      image: { data: png, mediaType: "image/png", width: 720, height: 1280 },
      durationSeconds: 4,
    });
    const parts = await parseMultipart(server.requests[0]!);
    const reference = parts.find((part) => part.name === "input_reference")!;
    expect(reference).toMatchObject({ filename: "reference.png", contentType: "image/png" });
    expect(Buffer.compare(reference.data, png)).toBe(0);
    expect(parts.find((part) => part.name === "size")?.data.toString()).toBe("720x1280");
    expect(server.book.jobs.get(jobId)?.request.image).toBe(true);
  });

  it("animates a picture end to end through generateVideo, at the picture's size", async () => {
    server.book.planNext({ queuedPolls: 0, runningPolls: 1 });
    const picture = fakeImage({ width: 1280, height: 720, prompt: "dragon" });
    const { video, warnings, job } = await generateVideo({
      model: model(),
      prompt: "the dragon flaps its wings",
      image: picture,
      seconds: 8,
      store: new FileJobStore(folder()),
      pollIntervalMs: 5,
    });
    expect(video).toMatchObject({ durationSeconds: 8, width: 1280, height: 720 });
    expect(warnings).toEqual([]);
    expect(job.state).toBe("succeeded");
    expect(server.book.jobs.get(job.providerJobId!)?.request).toMatchObject({ image: true });
  });

  it("refuses an image that is not the video's size before sending anything", async () => {
    const square = fakeImage({ width: 1024, height: 1024, prompt: "dragon" });
    const created = server.book.created;
    const error = await start({
      image: { data: square, mediaType: "image/png", width: 1024, height: 1024 },
      aspectRatio: "16:9",
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe(
      "openai:sora-2 animates an image only at the video's exact size: the image is 1024x1024 and the video 1280x720; crop or resize the image to 1280x720 (sizes: 1280x720, 720x1280).",
    );
    expect(server.requests).toHaveLength(0);
    expect(server.book.created).toBe(created);
  });

  it("maps queued, in_progress with progress, and completed to a keyed content link", async () => {
    server.book.planNext({ queuedPolls: 1, runningPolls: 2 });
    const { jobId } = await start({ durationSeconds: 4, aspectRatio: "16:9" });
    const seen = await pollToEnd(jobId);
    expect(seen.slice(0, 3)).toEqual([
      { state: "queued", progress: 0, message: "queued" },
      { state: "running", progress: 0.33, message: "in_progress" },
      { state: "running", progress: 0.67, message: "in_progress" },
    ]);
    const done = seen[3]!;
    if (done.state !== "succeeded" || !("url" in done.video)) throw new Error("no link");
    expect(done.video.url).toBe(`${server.url}/videos/${jobId}/content`);
    expect(done.video.headers).toEqual({ authorization: `Bearer ${apiKey}` });
    const expiresIn = Date.parse(done.video.expiresAt!) - Date.now();
    expect(expiresIn).toBeGreaterThan(50 * 60 * 1000);
    expect(expiresIn).toBeLessThanOrEqual(60 * 60 * 1000);

    const download = await fetch(done.video.url, { headers: done.video.headers });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("video/mp4");
    const decoded = await decodeVideo(new Uint8Array(await download.arrayBuffer()), "openai");
    expect(decoded).toMatchObject({
      container: "MP4",
      durationSeconds: 4,
      width: 1280,
      height: 720,
    });
    const ranged = await fetch(done.video.url, {
      headers: { ...done.video.headers, range: "bytes=10-19" },
    });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(10);
  });

  it("cuts a content download short when a fault says so, and serves the rest by Range", async () => {
    server.book.planNext({ queuedPolls: 0, runningPolls: 0 });
    const { jobId } = await start({});
    const [done] = await pollToEnd(jobId);
    if (done?.state !== "succeeded" || !("url" in done.video)) throw new Error("no link");
    const whole = server.book.video(server.book.jobs.get(jobId)!);
    server.inject({ path: `/v1/videos/${jobId}/content`, cutBodyAtFraction: 0.5 });
    const cut = await fetch(done.video.url, { headers: done.video.headers });
    const received = await cut.arrayBuffer().then(
      (bytes) => bytes.byteLength,
      () => -1,
    );
    expect(received).toBeLessThan(whole.length);
    const rest = await fetch(done.video.url, {
      headers: { ...done.video.headers, range: `bytes=${whole.length - 100}-` },
    });
    expect(rest.status).toBe(206);
    expect(Buffer.compare(Buffer.from(await rest.arrayBuffer()), whole.subarray(-100))).toBe(0);
  });

  it("serves the raw client too: create, retrieve until completed, downloadContent, delete", async () => {
    const { default: OpenAI } = await import("openai");
    const client = new OpenAI({ apiKey, baseURL: server.url, maxRetries: 0 });
    server.book.planNext({ queuedPolls: 1, runningPolls: 1 });
    let video = await client.videos.create({ prompt: "a boat", seconds: "8", size: "720x1280" });
    const statuses = [video.status];
    while (video.status !== "completed") {
      video = await client.videos.retrieve(video.id);
      statuses.push(video.status);
    }
    expect(statuses).toEqual(["queued", "queued", "in_progress", "completed"]);
    const content = await client.videos.downloadContent(video.id);
    const bytes = new Uint8Array(await content.arrayBuffer());
    expect(await decodeVideo(bytes, "openai")).toMatchObject({ durationSeconds: 8, width: 720 });
    expect(server.requests.at(-1)?.headers.accept).toBe("application/binary");
    expect(await client.videos.delete(video.id)).toEqual({
      id: video.id,
      object: "video.deleted",
      deleted: true,
    });
    await expect(client.videos.retrieve(video.id)).rejects.toMatchObject({ status: 404 });
  });

  it("answers the content endpoint 404 until the video is completed, and 401 without the key", async () => {
    const { jobId } = await start({});
    const url = `${server.url}/videos/${jobId}/content`;
    const early = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(early.status).toBe(404);
    expect(await early.json()).toMatchObject({ error: { code: "video_not_ready" } });
    expect((await fetch(url)).status).toBe(401);
  });

  it("maps failed to the vendor's message and code", async () => {
    server.book.planNext({ queuedPolls: 0, runningPolls: 1, outcome: "failed" });
    const { jobId } = await start({});
    const seen = await pollToEnd(jobId);
    expect(seen.at(-1)).toEqual({
      state: "failed",
      message: "The prompt was flagged by moderation.",
      code: "moderation_blocked",
    });
  });

  it("maps a completed video whose files expired to expired", async () => {
    server.book.planNext({ queuedPolls: 0, runningPolls: 0, outcome: "expired" });
    const { jobId } = await start({});
    const [status] = await pollToEnd(jobId);
    expect(status).toMatchObject({ state: "expired" });
    expect(status).toHaveProperty(
      "message",
      expect.stringMatching(
        /^the files of video video_\w+ expired at \S+Z \(openai keeps them for a while only\); make it again$/,
      ),
    );
  });

  it("ends the wait with a clear error on a status spelling it does not know", async () => {
    server.book.planNext({ queuedPolls: 0, runningPolls: 0, outcome: { unknownStatus: "paused" } });
    const { jobId } = await start({});
    const error = await model()
      .doStatus({ jobId })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toMatch(
      /^openai sent a response that could not be read: unknown job status "paused" for video video_\w+ \(known: queued, in_progress, completed, failed\)/,
    );
  });

  it("says a job id it does not know is unknown to openai (404)", async () => {
    const error = await model()
      .doStatus({ jobId: "task_from_kling" })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.status).toBe(404);
    expect(error.message).toMatch(
      /^openai returned HTTP 404: video job "task_from_kling" is unknown to openai \(/,
    );
  });

  it("reads a wrong key as a 401 the client reports and core maps to unauthorized", async () => {
    const provider = createOpenAICompatible(preset, { apiKey: "sk-wrong", baseURL: server.url });
    const created = server.book.created;
    const error = await provider.videoModel!("sora-2")
      .doStart({ prompt: "a boat", requestKey: "k" })
      .catch((caught) => caught);
    expect(error.status).toBe(401);
    const mapped = toPathError(error, { provider: "openai" });
    expect(mapped).toBeInstanceOf(ApiCallError);
    expect(mapped.code).toBe("unauthorized");
    expect(mapped.message).toMatch(/Incorrect API key provided/);
    expect(server.book.created).toBe(created);
  });

  it("reports an HTML page where the video object was due as an unreadable response", async () => {
    const { jobId } = await start({});
    server.inject({
      path: `/v1/videos/${jobId}`,
      status: 200,
      body: "<!doctype html><html><body>Sign in</body></html>",
      contentType: "text/html",
    });
    const error = await model()
      .doStatus({ jobId })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toMatch(/sent an HTML page instead of JSON/);
  });

  it("warns that Sora takes no seed", async () => {
    const { warnings } = await start({ seed: 7 });
    expect(warnings).toEqual([
      {
        type: "unsupported-setting",
        setting: "seed",
        message: "openai:sora-2 takes no seed; each run makes a new video.",
      },
    ]);
  });

  it("remixes a finished video with providerOptions.openai.remixOf (JSON prompt, source's size and length)", async () => {
    server.book.planNext({ queuedPolls: 0, runningPolls: 0 });
    const { jobId: sourceId } = await start({ durationSeconds: 8, aspectRatio: "9:16" });
    await pollToEnd(sourceId);
    server.reset();
    const { jobId, warnings } = await start({
      prompt: "the same boat, at night",
      durationSeconds: 4,
      providerOptions: { openai: { remixOf: sourceId } },
    });
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: `/v1/videos/${sourceId}/remix`,
      body: { prompt: "the same boat, at night" },
    });
    expect(warnings.map((warning) => warning.setting)).toEqual(["durationSeconds"]);
    expect(jobId).not.toBe(sourceId);
    expect(server.book.jobs.get(jobId)?.request).toMatchObject({
      prompt: "the same boat, at night",
      seconds: 8,
      width: 720,
      height: 1280,
    });
    const retrieved = await fetch(`${server.url}/videos/${jobId}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(await retrieved.json()).toMatchObject({ remixed_from_video_id: sourceId });
  });

  it("offers 4, 8 and 12 seconds; sora-2-pro adds the 1024p sizes", () => {
    expect(model().limits).toMatchObject({
      inputs: ["text", "image"],
      durations: [4, 8, 12],
      aspectRatios: ["16:9", "9:16"],
      sizes: ["1280x720", "720x1280"],
    });
    expect(model("sora-2-pro").limits.sizes).toEqual([
      "1280x720",
      "1792x1024",
      "720x1280",
      "1024x1792",
    ]);
    expect(model().limits.image).toEqual({
      minSide: 720,
      maxSide: 1280,
      minAspect: 720 / 1280,
      maxAspect: 1280 / 720,
    });
    expect(model("sora-2-pro").limits.image).toMatchObject({ maxSide: 1792 });
    expect(model().idempotentStart).toBe(false);
  });
});

describe("openai video registration", () => {
  it("lists video for the openai preset only, sora-2 by default", async () => {
    const openai = builtinProviders.find((entry) => entry.id === "openai")!;
    expect(openai.jobs).toContain("video");
    expect(openai.defaultModels.video).toBe("sora-2");
    const sora = await resolveModel("video", "openai");
    expect(sora).toMatchObject({ provider: "openai", modelId: "sora-2" });
    const deepseek = createOpenAICompatible(
      openAICompatiblePresets.find((p) => p.id === "deepseek")!,
    );
    expect(deepseek.videoModel).toBeUndefined();
  });
});
