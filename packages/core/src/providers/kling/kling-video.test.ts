import { encodePng, type FakeKling, startFakeKling } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ApiCallError,
  InvalidInputError,
  InvalidResponseError,
  MissingApiKeyError,
  type PathError,
} from "../../errors.js";
import type { VideoModel, VideoStartOptions } from "../../spec/index.js";
import { decodeVideo } from "../../video/decode-video.js";
import { builtinProviders } from "../builtin-providers.js";
import { createKling, type KlingSettings } from "./kling-provider.js";
import { signKlingToken } from "./kling-token.js";

const prompt = "a paper boat drifting down a rainy street, cinematic";

function picture(width: number, height: number) {
  return {
    data: new Uint8Array(encodePng(width, height, new Uint8Array(width * height * 3).fill(90))),
    mediaType: "image/png",
    width,
    height,
  };
}

describe("kling video on the fake Kling", () => {
  let fake: FakeKling;
  const model = (id = "kling-v2-5-turbo", settings: KlingSettings = {}): VideoModel =>
    createKling({
      accessKey: fake.accessKey,
      secretKey: fake.secretKey,
      baseURL: fake.url,
      ...settings,
    }).videoModel!(id);
  let key = 0;
  const start = (m: VideoModel, options: Partial<VideoStartOptions> = {}) =>
    m.doStart({ prompt, requestKey: `key-${++key}`, ...options });
  /** Polls until the job leaves queued/running, like core would; returns every status seen. */
  async function pollToEnd(m: VideoModel, jobId: string) {
    const seen = [];
    for (let i = 0; i < 10; i++) {
      const status = await m.doStatus({ jobId });
      seen.push(status);
      if (status.state !== "queued" && status.state !== "running") break;
    }
    return seen;
  }

  beforeAll(async () => {
    fake = await startFakeKling();
  });
  beforeEach(() => fake.api.reset());
  afterAll(() => fake.close());

  it("sends text2video with a signed token, the length as a string and the request key", async () => {
    const m = model();
    const { jobId, warnings } = await start(m, {
      durationSeconds: 10,
      aspectRatio: "9:16",
      requestKey: "0123456789abcdef0123",
    });
    const request = fake.api.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/videos/text2video");
    expect(request.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(request.body).toEqual({
      model_name: "kling-v2-5-turbo",
      prompt,
      mode: "std",
      duration: "10",
      aspect_ratio: "9:16",
      external_task_id: expect.stringMatching(/^0123456789abcdef-[0-9a-z]+$/),
    });
    expect(jobId).toMatch(/^text2video\/\d+$/);
    expect(warnings).toEqual([]);
    expect(m.idempotentStart).toBe(false);
    expect(fake.book.jobs.get(jobId.split("/")[1]!)?.request).toMatchObject({
      seconds: 10,
      width: 36,
      height: 64,
    });
  });

  it("defaults to 5 s at 16:9 in std mode, and passes providerOptions.kling to the wire", async () => {
    const { warnings } = await start(model("kling-v2-1-master"), {
      seed: 7,
      providerOptions: { kling: { mode: "pro", negative_prompt: "blurry" } },
    });
    expect(fake.api.requests[0]?.body).toMatchObject({
      model_name: "kling-v2-1-master",
      mode: "pro",
      duration: "5",
      aspect_ratio: "16:9",
      negative_prompt: "blurry",
    });
    expect(warnings.map((warning) => warning.setting)).toEqual(["seed"]);
  });

  it("sends image2video with the picture as raw base64 and polls on the image2video path", async () => {
    const m = model("kling-v2-1");
    expect(m.limits.inputs).toEqual(["image"]);
    const image = picture(640, 360);
    const { jobId, warnings } = await start(m, { image, aspectRatio: "9:16" });
    const body = fake.api.requests[0]?.body as Record<string, unknown>;
    expect(fake.api.requests[0]?.path).toBe("/v1/videos/image2video");
    expect(body.image).toBe(Buffer.from(image.data).toString("base64"));
    expect(String(body.image)).not.toMatch(/^data:/);
    expect(body).not.toHaveProperty("aspect_ratio");
    expect(jobId).toMatch(/^image2video\/\d+$/);
    expect(warnings).toEqual([expect.objectContaining({ setting: "aspectRatio" })]);
    await m.doStatus({ jobId });
    expect(fake.api.requests[1]?.path).toBe(`/v1/videos/${jobId}`);
    expect(fake.api.requests[1]?.method).toBe("GET");
  });

  it("asks for no ratio warning when the picture already has the asked shape", async () => {
    const { warnings } = await start(model(), { image: picture(640, 360), aspectRatio: "16:9" });
    expect(warnings).toEqual([]);
  });

  it("maps submitted → queued, processing → running, succeed → the video link", async () => {
    const m = model();
    fake.book.planNext({ queuedPolls: 1, runningPolls: 2 });
    const { jobId } = await start(m, { durationSeconds: 5 });
    const seen = await pollToEnd(m, jobId);
    expect(seen.map((status) => status.state)).toEqual([
      "queued",
      "running",
      "running",
      "succeeded",
    ]);
    expect(seen[0]).toMatchObject({ message: "submitted" });
    expect(seen[1]).toMatchObject({ message: "processing" });
    const done = seen.at(-1)!;
    if (done.state !== "succeeded" || !("url" in done.video)) throw new Error("no link");
    expect(done.video.url.startsWith(fake.storage.origin)).toBe(true);
    expect(Date.parse(done.video.expiresAt!)).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    const bytes = new Uint8Array(await (await fetch(done.video.url)).arrayBuffer());
    const video = await decodeVideo(bytes, "kling");
    expect(video.durationSeconds).toBeCloseTo(5, 1);
    expect([video.width, video.height]).toEqual([64, 36]);
  });

  it("reports a failed task with Kling's own message", async () => {
    const m = model();
    fake.book.planNext({ queuedPolls: 0, runningPolls: 1, outcome: "failed" });
    const { jobId } = await start(m);
    const last = (await pollToEnd(m, jobId)).at(-1);
    expect(last).toEqual({ state: "failed", message: "The prompt was flagged by moderation." });
  });

  it("reports a task Kling cancelled as failed (Kling has no cancelled state)", async () => {
    const m = model();
    fake.book.planNext({ queuedPolls: 0, runningPolls: 0, outcome: "cancelled" });
    const { jobId } = await start(m);
    expect(await m.doStatus({ jobId })).toEqual({
      state: "failed",
      message: "The task was cancelled.",
    });
  });

  it("reports a task Kling no longer knows as expired, naming the job", async () => {
    const m = model();
    fake.book.planNext({ queuedPolls: 0, runningPolls: 0, outcome: "expired" });
    const { jobId } = await start(m);
    const status = await m.doStatus({ jobId });
    expect(status.state).toBe("expired");
    expect(status).toMatchObject({ message: expect.stringContaining(jobId) });
  });

  it("ends the wait on a status spelling it does not know", async () => {
    const m = model();
    fake.book.planNext({ queuedPolls: 0, runningPolls: 0, outcome: { unknownStatus: "paused" } });
    const { jobId } = await start(m);
    const error = await m.doStatus({ jobId }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('unknown job status "paused"');
  });

  it("queries a task on the family that made it; the other family does not find it", async () => {
    const m = model();
    const { jobId } = await start(m);
    const taskId = jobId.split("/")[1]!;
    const wrong = await m.doStatus({ jobId: `image2video/${taskId}` });
    expect(wrong.state).toBe("expired");
    expect(fake.api.requests[1]?.path).toBe(`/v1/videos/image2video/${taskId}`);
    expect((await m.doStatus({ jobId })).state).toBe("queued");
  });

  it("keeps a 404 page that is not Kling's (a proxy, a wrong URL) an error, not an expired job", async () => {
    const m = model();
    const { jobId } = await start(m);
    fake.api.inject({
      path: /\/v1\/videos\/text2video\/.+/,
      status: 404,
      body: "<html><body>404 Not Found</body></html>",
      contentType: "text/html",
    });
    const error = await m.doStatus({ jobId }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).status).toBe(404);
    expect((error as Error).message).toContain("HTML page");
  });

  it("leaves out an empty prompt when animating a picture", async () => {
    await start(model(), { image: picture(400, 400), prompt: "" });
    expect(fake.api.requests[0]?.body).not.toHaveProperty("prompt");
  });

  it("refuses a job id without a family in one line", async () => {
    for (const jobId of ["8609123", "video/8609123", "text2video/"]) {
      const error = await model()
        .doStatus({ jobId })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain("text2video/<task id>");
    }
    expect(fake.api.requests).toHaveLength(0);
  });

  it("says which keys to check when Kling refuses the token", async () => {
    const m = model("kling-v2-5-turbo", { secretKey: "not-the-secret" });
    const error = await start(m).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).status).toBe(401);
    expect((error as Error).message).toMatch(/KLING_ACCESS_KEY and KLING_SECRET_KEY/);
    expect((error as Error).message).toContain("code 1000");
    expect((error as Error).message).not.toContain("not-the-secret");
  });

  it("points at the clock when the token has expired", async () => {
    const m = model("kling-v2-5-turbo", { now: () => Date.now() - 3600_000 });
    const error = await start(m).catch((caught: unknown) => caught);
    expect((error as ApiCallError).status).toBe(401);
    expect((error as Error).message).toMatch(/code 1004.*clock/);
  });

  it("names both variables when a key is missing", async () => {
    const saved = { ...process.env };
    delete process.env.KLING_ACCESS_KEY;
    delete process.env.KLING_SECRET_KEY;
    try {
      const m = createKling({ accessKey: "ak", baseURL: fake.url }).videoModel!("kling-v2-6");
      const error = await start(m).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MissingApiKeyError);
      expect((error as Error).message).toContain("KLING_SECRET_KEY");
      expect((error as Error).message).toContain("https://app.klingai.com/global/dev");
    } finally {
      process.env = saved;
    }
  });

  it("maps Kling's envelope codes, sent with 200 or an error status", async () => {
    const m = model();
    const envelope = (code: number, message: string) => ({ code, message, request_id: "r" });
    fake.api.inject(
      // Kling sends an empty balance with HTTP 429, but waiting does not help: not retried.
      { path: "/v1/videos/text2video", status: 429, body: envelope(1102, "resource pack used up") },
      { path: "/v1/videos/text2video", status: 200, body: envelope(1201, "duration is invalid") },
      {
        path: "/v1/videos/text2video",
        status: 429,
        body: envelope(1303, "parallel task over resource pack limit"),
        headers: { "retry-after": "7" },
      },
      { path: "/v1/videos/text2video", status: 400, body: envelope(1301, "risk control") },
      { path: "/v1/videos/text2video", status: 500, body: envelope(5000, "server error") },
      { path: "/v1/videos/text2video", status: 403, body: envelope(1103, "no model permission") },
    );
    const created = fake.book.created;
    const errors = [];
    for (let i = 0; i < 6; i++) errors.push(await start(m).catch((caught: unknown) => caught));
    const [balance, invalid, rate, policy, server, access] = errors as PathError[];
    expect(balance).toMatchObject({ code: "insufficient-balance", isRetryable: false });
    expect(balance!.message).toContain("code 1102");
    expect(invalid).toBeInstanceOf(InvalidInputError);
    expect(invalid!.message).toContain("duration is invalid (code 1201)");
    expect(rate).toBeInstanceOf(ApiCallError);
    expect(rate).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 7000 });
    expect(policy).toBeInstanceOf(InvalidInputError);
    expect(policy!.message).toMatch(/content policy.*code 1301/);
    expect(server).toMatchObject({ status: 500, isRetryable: true });
    expect(access).toMatchObject({ code: "no-access", isRetryable: false });
    expect(fake.book.created).toBe(created);
  });

  it("says so when an HTML page comes back instead of JSON", async () => {
    fake.api.inject({
      path: /\/v1\/videos\//,
      status: 502,
      body: "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>",
      contentType: "text/html",
    });
    const error = await start(model()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, isRetryable: true });
    expect((error as Error).message).toContain("HTML page");
  });

  it("sends the same request twice (--new) as two tasks: Kling refuses a repeated external_task_id", async () => {
    const m = model();
    await start(m, { requestKey: "same-key" });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await start(m, { requestKey: "same-key" });
    const [first, second] = fake.api.requests.map(
      (request) => (request.body as { external_task_id: string }).external_task_id,
    );
    expect(first).not.toBe(second);
    expect(first?.startsWith("same-key-")).toBe(true);
    // The fake refuses a repeat, as Kling is reported to.
    const token = signKlingToken(fake, Math.floor(Date.now() / 1000));
    const repeat = await fetch(`${fake.url}/v1/videos/text2video`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ model_name: "kling-v2-6", prompt, external_task_id: first }),
    });
    expect(repeat.status).toBe(400);
    expect(await repeat.json()).toMatchObject({ code: 1201 });
  });

  it("refuses a prompt over 2500 characters before sending it", async () => {
    const error = await start(model(), { prompt: "雨".repeat(2501) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(fake.api.requests).toHaveLength(0);
  });

  it("passes other model names through, and Kling's refusal of them reaches the caller", async () => {
    const error = await start(model("kling-v9-imaginary")).catch((caught: unknown) => caught);
    expect(fake.api.requests[0]?.body).toMatchObject({ model_name: "kling-v9-imaginary" });
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain("model_name");
  });
});

describe("kling in the registry", () => {
  const entry = builtinProviders.find((provider) => provider.id === "kling")!;

  it("does video, and is configured only with both keys", () => {
    const saved = { ...process.env };
    try {
      expect(entry.jobs).toEqual(["video"]);
      expect(entry.defaultModels.video).toBe("kling-v2-5-turbo");
      process.env.KLING_ACCESS_KEY = "ak";
      delete process.env.KLING_SECRET_KEY;
      expect(entry.isConfigured()).toBe(false);
      process.env.KLING_SECRET_KEY = "sk";
      expect(entry.isConfigured()).toBe(true);
      expect(entry.setup).toMatch(/KLING_ACCESS_KEY.*KLING_SECRET_KEY.*api-beijing/);
    } finally {
      process.env = saved;
    }
  });

  it("loads a provider whose video model is Kling's", async () => {
    const provider = await entry.load();
    const m = provider.videoModel!("kling-v2-6");
    expect([m.provider, m.modelId]).toEqual(["kling", "kling-v2-6"]);
    expect(m.limits).toMatchObject({ durations: [5, 10], aspectRatios: ["16:9", "9:16", "1:1"] });
  });
});
