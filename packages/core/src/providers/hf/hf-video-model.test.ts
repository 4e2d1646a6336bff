import { encodePng, type FakeHuggingFace, startFakeHuggingFace, useTempDir } from "@path/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ApiCallError, InvalidInputError, InvalidResponseError } from "../../errors.js";
import { FileJobStore } from "../../jobs/job-store.js";
import type { VideoJobStatus, VideoModel, VideoStartOptions } from "../../spec/index.js";
import { decodeVideo } from "../../video/decode-video.js";
import { generateVideo } from "../../video/generate-video.js";
import { createHuggingFace } from "./hf-provider.js";

const token = "hf_test_video";
const t2v = "Wan-AI/Wan2.2-T2V-A14B";
const i2v = "Wan-AI/Wan2.2-I2V-A14B";

const folder = useTempDir("hf-video-");
let server: FakeHuggingFace;
let model: VideoModel;
beforeAll(async () => {
  server = await startFakeHuggingFace({ token });
  model = createHuggingFace({ token, fetch: server.fetch }).videoModel!(t2v);
});
afterEach(() => {
  server.reset();
  vi.unstubAllEnvs();
});
afterAll(() => server.close());

function start(options: Partial<VideoStartOptions> = {}, on: VideoModel = model) {
  return on.doStart({ prompt: "a paper boat on a rainy street", requestKey: "k1", ...options });
}

/** Polls until the job leaves queued/running, returning every status seen. */
async function walk(jobId: string, on: VideoModel = model): Promise<VideoJobStatus[]> {
  const seen: VideoJobStatus[] = [];
  for (let poll = 0; poll < 20; poll += 1) {
    const status = await on.doStatus({ jobId });
    seen.push(status);
    if (status.state !== "queued" && status.state !== "running") return seen;
  }
  throw new Error("the job never ended");
}

const submits = () => server.requests.filter((request) => request.method === "POST");

describe("hf video: starting a job on fal's queue", () => {
  it("submits once through the router to the fal app the Hub maps, with fal's fields", async () => {
    const { jobId, warnings } = await start({ durationSeconds: 3, aspectRatio: "9:16", seed: 7 });
    expect(submits()).toHaveLength(1);
    const [submit] = submits();
    expect(submit!.path).toBe("/fal-ai/fal-ai/wan/v2.2-a14b/text-to-video");
    expect(submit!.query).toEqual({ _subdomain: "queue" });
    expect(submit!.headers.authorization).toBe(`Bearer ${token}`);
    expect(submit!.body).toEqual({
      prompt: "a paper boat on a rainy street",
      num_frames: 49,
      aspect_ratio: "9:16",
      seed: 7,
    });
    // The subpath is dropped from the request's path, as fal's response_url does.
    expect(jobId).toMatch(/^hf-router:fal-ai\/wan\/requests\/[\w-]+$/);
    expect(warnings).toEqual([]);
    expect(server.book.created).toBe(1);
  });

  it("offers 1–10 s (17–161 frames at 16 fps) and the three ratios fal documents", () => {
    expect(model.limits).toEqual({
      inputs: ["text"],
      durations: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      aspectRatios: ["16:9", "9:16", "1:1"],
    });
    expect(model.idempotentStart).toBeUndefined();
  });

  it("asks 81 frames for 5 s and says when a length cannot be met exactly", async () => {
    await start({ durationSeconds: 5 });
    const short = await start({ durationSeconds: 0.5 });
    const [five, half] = submits().map((request) => request.body as { num_frames: number });
    expect([five!.num_frames, half!.num_frames]).toEqual([81, 17]);
    expect(short.warnings).toEqual([
      expect.objectContaining({
        setting: "durationSeconds",
        message: expect.stringMatching(/0\.5 s became 17 frames \(1 s\)/),
      }),
    ]);
  });

  it("passes fal's own inputs through providerOptions.hf (a cheaper resolution)", async () => {
    await start({ providerOptions: { hf: { resolution: "480p", negative_prompt: "blur" } } });
    expect(submits()[0]!.body).toMatchObject({ resolution: "480p", negative_prompt: "blur" });
    const job = [...server.book.jobs.values()][0]!;
    expect([job.request.width, job.request.height]).toEqual([42, 24]);
  });

  it("puts fal's validation error in one line naming the field", async () => {
    const error = await start({ providerOptions: { hf: { num_frames: 400 } } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as Error).message).toMatch(
      /HTTP 422: num_frames: Input should be between 17 and 161 \(got 400\)/,
    );
    expect(server.book.created).toBe(0);
  });

  it("sends the first frame as a data URI in image_url, with the prompt", async () => {
    const png = encodePng(4, 2, new Uint8Array(4 * 2 * 3).fill(200));
    const animate = createHuggingFace({ token, fetch: server.fetch }).videoModel!(i2v);
    expect(animate.limits.inputs).toEqual(["image"]);
    await start(
      { image: { data: png, mediaType: "image/png", width: 4, height: 2 }, durationSeconds: 2 },
      animate,
    );
    const [submit] = submits();
    expect(submit!.path).toBe("/fal-ai/fal-ai/wan/v2.2-a14b/image-to-video");
    expect(submit!.body).toEqual({
      prompt: "a paper boat on a rainy street",
      num_frames: 33,
      image_url: `data:image/png;base64,${png.toString("base64")}`,
    });
    expect([...server.book.jobs.values()][0]!.request.image).toBe(true);
  });

  it("animates a portrait picture end to end through generateVideo (fal's auto ratio)", async () => {
    const animate = createHuggingFace({ token, fetch: server.fetch }).videoModel!(i2v);
    const picture = encodePng(90, 160, new Uint8Array(90 * 160 * 3).fill(90));
    const { video, job } = await generateVideo({
      model: animate,
      prompt: "the dragon flaps its wings and flies off",
      image: picture,
      seconds: 2,
      store: new FileJobStore(folder()),
      pollIntervalMs: 5,
    });
    expect(job.state).toBe("succeeded");
    expect([video.durationSeconds, video.width, video.height]).toEqual([2, 36, 64]);
    expect(submits()[0]!.body).not.toHaveProperty("aspect_ratio");
  });

  it("explains a model whose Hub task is not video", async () => {
    const wrong = createHuggingFace({ token, fetch: server.fetch }).videoModel!(
      "hexgrad/Kokoro-82M",
    );
    await expect(start({}, wrong)).rejects.toThrow(
      /hf:hexgrad\/Kokoro-82M cannot do text-to-video \(it does text-to-speech\)/,
    );
    expect(submits()).toHaveLength(0);
  });

  it("names a model fal-ai does not serve, or one the Hub does not know, in one line", async () => {
    const provider = createHuggingFace({ token, fetch: server.fetch });
    await expect(start({}, provider.videoModel!("Wan-AI/Wan2.1-T2V-14B"))).rejects.toThrow(
      /hf:Wan-AI\/Wan2.1-T2V-14B is not served by fal-ai .* such as hf:Wan-AI\/Wan2.2-T2V-A14B/,
    );
    const strict = await startFakeHuggingFace({ token, models: [t2v] });
    try {
      const missing = createHuggingFace({ token, fetch: strict.fetch }).videoModel!(
        "Wan-AI/Nope-T2V",
      );
      await expect(start({}, missing)).rejects.toThrow(
        /The Hugging Face Hub has no model Wan-AI\/Nope-T2V/,
      );
    } finally {
      await strict.close();
    }
    expect(submits()).toHaveLength(0);
  });

  it("goes straight to queue.fal.run with a fal key (FAL_KEY when HF_TOKEN is unset)", async () => {
    vi.stubEnv("HF_TOKEN", "");
    vi.stubEnv("FAL_KEY", token.replace("hf_", "fal_"));
    const fal = await startFakeHuggingFace({ token: "fal_test_video" });
    try {
      const direct = createHuggingFace({ fetch: fal.fetch }).videoModel!(t2v);
      const { jobId } = await start({}, direct);
      const [submit] = fal.requests.filter((request) => request.method === "POST");
      expect(submit!.path).toBe("/fal-ai/wan/v2.2-a14b/text-to-video");
      expect(submit!.query).toEqual({});
      expect(submit!.headers.authorization).toBe("Key fal_test_video");
      expect(jobId).toMatch(/^fal-queue:fal-ai\/wan\/requests\//);
      const states = (await walk(jobId, direct)).map((status) => status.state);
      expect(states.at(-1)).toBe("succeeded");
      const statusPaths = fal.requests.filter((request) => request.path.endsWith("/status"));
      expect(statusPaths[0]!.path).toMatch(/^\/fal-ai\/wan\/requests\/[\w-]+\/status$/);
      expect(statusPaths[0]!.headers.authorization).toBe("Key fal_test_video");
    } finally {
      await fal.close();
    }
  });
});

describe("hf video: following a job", () => {
  it("maps IN_QUEUE (position), IN_PROGRESS (log) and COMPLETED (the result's video URL)", async () => {
    server.book.planNext({ queuedPolls: 2, runningPolls: 2 });
    const { jobId } = await start({ durationSeconds: 2, aspectRatio: "1:1" });
    // Another process, the same token: the job id alone is enough.
    const later = createHuggingFace({ token, fetch: server.fetch }).videoModel!(t2v);
    const seen = await walk(jobId, later);
    expect(seen.map((status) => status.state)).toEqual([
      "queued",
      "queued",
      "running",
      "running",
      "succeeded",
    ]);
    expect(seen[0]).toMatchObject({ queuePosition: 1, message: "IN_QUEUE" });
    expect(seen[1]).toMatchObject({ queuePosition: 0 });
    expect(seen[2]).toMatchObject({ message: "33% of the steps done" });
    const done = seen.at(-1) as Extract<VideoJobStatus, { state: "succeeded" }>;
    const url = (done.video as { url: string }).url;
    expect(url.startsWith(server.falFiles.origin)).toBe(true);
    const bytes = new Uint8Array(await (await server.fetch(url)).arrayBuffer());
    const video = await decodeVideo(bytes, "hf");
    expect(video.durationSeconds).toBeCloseTo(2, 1);
    expect([video.width, video.height]).toEqual([48, 48]);
    const app = "/fal-ai/fal-ai/wan/requests/";
    const gets = server.requests.filter((request) => request.method === "GET");
    expect(gets.filter((request) => request.path.endsWith("/status"))).toHaveLength(5);
    expect(gets.at(-1)!.path).toMatch(new RegExp(`^${app}[\\w-]+$`));
    expect(gets.at(-1)!.query).toEqual({ _subdomain: "queue" });
  });

  it("reads a status answered 202 or 200 alike (fal: 202 until COMPLETED)", async () => {
    const { jobId } = await start();
    const raw = await server.fetch(
      `https://router.huggingface.co/fal-ai/${jobId.split(":")[1]}/status?_subdomain=queue`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect([raw.status, ((await raw.json()) as { status: string }).status]).toEqual([
      202,
      "IN_QUEUE",
    ]);
    server.inject({ path: /\/status$/, status: 200, body: { status: "IN_PROGRESS", logs: [] } });
    expect(await model.doStatus({ jobId })).toEqual({ state: "running", message: "IN_PROGRESS" });
  });

  it("reports a failed run with fal's message and error type, never as still running", async () => {
    server.book.planNext({ outcome: "failed" });
    const { jobId } = await start();
    expect((await walk(jobId)).at(-1)).toEqual({
      state: "failed",
      message: "prompt: The prompt was flagged by moderation.",
      code: "content_policy_violation",
    });
  });

  it("reads an error on the COMPLETED status itself, and a request error on the result", async () => {
    const { jobId } = await start();
    server.inject({
      path: /\/status$/,
      status: 200,
      body: { status: "COMPLETED", error: "Request timed out", error_type: "request_timeout" },
    });
    expect(await model.doStatus({ jobId })).toEqual({
      state: "failed",
      message: "Request timed out",
      code: "request_timeout",
    });
    server.inject(
      { path: /\/status$/, status: 200, body: { status: "COMPLETED" } },
      {
        path: /\/requests\/[\w-]+$/,
        status: 504,
        body: { detail: "Runner did not start", error_type: "startup_timeout" },
      },
    );
    expect(await model.doStatus({ jobId })).toEqual({
      state: "failed",
      message: "Runner did not start",
      code: "startup_timeout",
    });
  });

  it("cancels a queued job (then cancelled), and says when it is too late", async () => {
    server.book.planNext({ queuedPolls: 3 });
    const queued = await start();
    await model.doCancel!({ jobId: queued.jobId });
    const cancels = server.requests.filter((request) => request.method === "PUT");
    expect(cancels[0]!.path).toMatch(/^\/fal-ai\/fal-ai\/wan\/requests\/[\w-]+\/cancel$/);
    expect((await walk(queued.jobId)).at(-1)).toMatchObject({
      state: "cancelled",
      code: "client_cancelled",
    });
    server.book.planNext({ queuedPolls: 0 });
    const running = await start();
    await model.doStatus({ jobId: running.jobId });
    await expect(model.doCancel!({ jobId: running.jobId })).rejects.toThrow(
      /has already started or finished, so fal cannot cancel it/,
    );
  });

  it("reports a request fal no longer knows as expired", async () => {
    server.book.planNext({ outcome: "expired" });
    const { jobId } = await start();
    expect((await walk(jobId)).at(-1)).toMatchObject({
      state: "expired",
      message: expect.stringMatching(/fal-ai no longer knows request/),
    });
    const unknown = "hf-router:fal-ai/wan/requests/0000-never-made";
    expect(await model.doStatus({ jobId: unknown })).toMatchObject({ state: "expired" });
  });

  it("ends the wait on a status spelling it does not know", async () => {
    server.book.planNext({ outcome: { unknownStatus: "PAUSED" } });
    const { jobId } = await start();
    await expect(walk(jobId)).rejects.toThrow(InvalidResponseError);
    await expect(model.doStatus({ jobId })).rejects.toThrow(/unknown job status "PAUSED"/);
  });

  it("refuses a job id that is not one of its own, or from the other route", async () => {
    await expect(model.doStatus({ jobId: "task-123" })).rejects.toThrow(InvalidInputError);
    await expect(model.doStatus({ jobId: "fal-queue:fal-ai/wan/requests/abc" })).rejects.toThrow(
      /sent to fal with a fal key; set FAL_KEY/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("leaves 429 and HTML pages to core as errors, and names an HTML page where JSON was due", async () => {
    const { jobId } = await start();
    server.inject({ path: /\/status$/, status: 429, headers: { "retry-after": "3" } });
    const limited = await model.doStatus({ jobId }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(ApiCallError);
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 3000, isRetryable: true });
    server.inject({
      path: /\/status$/,
      status: 200,
      body: "<!DOCTYPE html><html><body>Sign in</body></html>",
      contentType: "text/html",
    });
    await expect(model.doStatus({ jobId })).rejects.toThrow(/an HTML page instead of JSON/);
    server.inject({
      path: /\/requests\/[\w-]+$/,
      status: 502,
      body: "<html><body>Bad Gateway</body></html>",
      contentType: "text/html",
    });
    server.inject({ path: /\/status$/, status: 200, body: { status: "COMPLETED" } });
    const gateway = await model.doStatus({ jobId }).catch((error: unknown) => error);
    expect(gateway).toMatchObject({ status: 502, isRetryable: true });
  });

  it("answers a wrong key with the router's 401", async () => {
    const wrong = createHuggingFace({ token: "hf_wrong", fetch: server.fetch }).videoModel!(t2v);
    await expect(start({}, wrong)).rejects.toMatchObject({ status: 401 });
    expect(server.book.created).toBe(0);
  });
});
