import { encodePng, type FakeRunway, startFakeRunway } from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ApiCallError,
  InvalidInputError,
  InvalidResponseError,
  MissingApiKeyError,
} from "../../errors.js";
import { decodeVideo } from "../../video/decode-video.js";
import { runwayApiVersion } from "./runway-client.js";
import { createRunway } from "./runway-provider.js";
import type { RunwayVideoModel } from "./runway-video-model.js";

const apiKey = "key_runway_test";

function png(width: number, height: number) {
  const data = encodePng(width, height, new Uint8Array(width * height * 3).fill(200));
  return { data: new Uint8Array(data), mediaType: "image/png", width, height };
}

describe("runway on the fake Runway", () => {
  let fake: FakeRunway;
  const model = (id: string) =>
    createRunway({ apiKey, baseURL: fake.url }).videoModel!(id) as RunwayVideoModel;
  const start = (id: string, options: Partial<Parameters<RunwayVideoModel["doStart"]>[0]>) =>
    model(id).doStart({ prompt: "a paper boat", requestKey: "k", ...options });
  const lastBody = () => fake.api.requests.at(-1)!.body as Record<string, unknown>;

  beforeAll(async () => {
    fake = await startFakeRunway({ apiKey });
  });
  beforeEach(() => {
    fake.api.reset();
    fake.queuedStatus = "PENDING";
  });
  afterAll(() => fake.close());

  it("sends gen4_turbo image-to-video as Runway's wire body, with the key and version headers", async () => {
    const image = png(64, 36);
    const { jobId, warnings } = await start("gen4_turbo", {
      image,
      aspectRatio: "16:9",
      durationSeconds: 10,
      seed: 42,
    });
    const request = fake.api.requests.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/image_to_video");
    expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request.headers["x-runway-version"]).toBe(runwayApiVersion);
    expect(request.headers["content-type"]).toBe("application/json");
    const body = lastBody();
    expect(body).toEqual({
      model: "gen4_turbo",
      promptImage: `data:image/png;base64,${Buffer.from(image.data).toString("base64")}`,
      promptText: "a paper boat",
      ratio: "1280:720",
      duration: 10,
      seed: 42,
    });
    expect(warnings).toEqual([]);
    expect(fake.book.jobs.get(jobId)!.request).toMatchObject({ seconds: 10, image: true });
  });

  it("maps each aspect ratio and size to Runway's pixel ratio", async () => {
    const expected: Record<string, string> = {
      "16:9": "1280:720",
      "9:16": "720:1280",
      "4:3": "1104:832",
      "3:4": "832:1104",
      "1:1": "960:960",
      "21:9": "1584:672",
    };
    expect(model("gen4_turbo").limits.aspectRatios).toEqual(Object.keys(expected));
    for (const [aspectRatio, ratio] of Object.entries(expected)) {
      await start("gen4_turbo", { image: png(48, 48), aspectRatio });
      expect(lastBody().ratio).toBe(ratio);
    }
    await start("veo3.1", { size: { width: 1080, height: 1920 } });
    expect(lastBody().ratio).toBe("1080:1920");
  });

  it("picks the ratio nearest the input image when none is asked", async () => {
    await start("gen4_turbo", { image: png(36, 64) });
    expect(lastBody().ratio).toBe("720:1280");
    await start("gen4_turbo", { image: png(100, 42) });
    expect(lastBody().ratio).toBe("1584:672");
  });

  it("sends gen4.5 text-to-video with the required length and refuses a ratio it has only for images", async () => {
    await start("gen4.5", { aspectRatio: "9:16" });
    expect(fake.api.requests.at(-1)!.path).toBe("/v1/text_to_video");
    expect(lastBody()).toEqual({
      model: "gen4.5",
      promptText: "a paper boat",
      ratio: "720:1280",
      duration: 5,
    });
    const sent = fake.api.requests.length;
    await expect(start("gen4.5", { aspectRatio: "1:1" })).rejects.toThrow(
      /text-to-video in 16:9 or 9:16 only/,
    );
    await expect(start("gen4.5", { aspectRatio: "1:1" })).rejects.toBeInstanceOf(InvalidInputError);
    expect(fake.api.requests.length).toBe(sent);
  });

  it("warns that Veo takes no seed and leaves it off the wire", async () => {
    const { warnings } = await start("veo3.1_fast", { seed: 7, durationSeconds: 6 });
    expect(lastBody()).toEqual({
      model: "veo3.1_fast",
      promptText: "a paper boat",
      ratio: "1280:720",
      duration: 6,
    });
    expect(warnings).toEqual([expect.objectContaining({ setting: "seed" })]);
  });

  it("sends providerOptions.runway as they are (Veo's audio switch, moderation settings)", async () => {
    await start("veo3.1", {
      providerOptions: { runway: { audio: false }, kling: { mode: "pro" } },
    });
    expect(lastBody()).toEqual({
      model: "veo3.1",
      promptText: "a paper boat",
      ratio: "1280:720",
      duration: 8,
      audio: false,
    });
  });

  it("refuses a prompt over 1000 characters and a GIF before anything is sent", async () => {
    await expect(start("gen4.5", { prompt: "x".repeat(1001) })).rejects.toThrow(/up to 1000/);
    await expect(start("gen4.5", { prompt: "", image: png(64, 36) })).rejects.toThrow(
      /needs a prompt with the picture/,
    );
    const gif = { ...png(48, 48), data: new TextEncoder().encode("GIF89a....") };
    await expect(start("gen4_turbo", { image: gif })).rejects.toThrow(/JPEG, PNG or WebP/);
    expect(fake.api.requests).toHaveLength(0);
  });

  it("keeps a data URI within Runway's 5 MB: limits.image.maxBytes of file makes at most 5 000 000 characters", async () => {
    const { maxBytes } = model("gen4_turbo").limits.image!;
    const uriLength = "data:image/jpeg;base64,".length + Math.ceil(maxBytes! / 3) * 4;
    expect(uriLength).toBeLessThanOrEqual(5_000_000);
    expect(uriLength).toBeGreaterThan(4_999_000);
  });

  it("maps PENDING, THROTTLED, RUNNING with progress and SUCCEEDED with a fresh link each poll", async () => {
    fake.book.planNext({ queuedPolls: 2, runningPolls: 2 });
    const video = model("gen4_turbo");
    const { jobId } = await start("gen4_turbo", { image: png(64, 36) });
    expect(await video.doStatus({ jobId })).toEqual({ state: "queued", message: "PENDING" });
    fake.queuedStatus = "THROTTLED";
    expect(await video.doStatus({ jobId })).toMatchObject({
      state: "queued",
      message: expect.stringMatching(/^THROTTLED/),
    });
    expect(await video.doStatus({ jobId })).toEqual({
      state: "running",
      message: "RUNNING",
      progress: 1 / 3,
    });
    expect(await video.doStatus({ jobId })).toMatchObject({ state: "running", progress: 2 / 3 });
    const done = await video.doStatus({ jobId });
    const again = await video.doStatus({ jobId });
    if (done.state !== "succeeded" || again.state !== "succeeded") throw new Error("not done");
    const first = (done.video as { url: string }).url;
    expect(first.startsWith(fake.storage.origin)).toBe(true);
    expect((again.video as { url: string }).url).not.toBe(first);
    const response = await fetch(first);
    expect(response.status).toBe(200);
    const decoded = await decodeVideo(new Uint8Array(await response.arrayBuffer()), "runway");
    expect(decoded).toMatchObject({ width: 64, height: 36 });
    expect(decoded.durationSeconds).toBeCloseTo(5, 1);
  });

  it("reports FAILED with Runway's failure and failureCode", async () => {
    fake.book.planNext({ queuedPolls: 0, runningPolls: 0, outcome: "failed" });
    const { jobId } = await start("gen4.5", {});
    expect(await model("gen4.5").doStatus({ jobId })).toEqual({
      state: "failed",
      message: "The prompt was flagged by moderation.",
      code: "SAFETY.INPUT.TEXT",
    });
  });

  it("cancels with DELETE /v1/tasks/{id} and then reports CANCELLED", async () => {
    const { jobId } = await start("gen4.5", {});
    await model("gen4.5").doCancel({ jobId });
    expect(fake.api.requests.at(-1)).toMatchObject({
      method: "DELETE",
      path: `/v1/tasks/${jobId}`,
    });
    expect(await model("gen4.5").doStatus({ jobId })).toMatchObject({ state: "cancelled" });
  });

  it("ends the wait on a status spelling it does not know", async () => {
    fake.book.planNext({ queuedPolls: 0, runningPolls: 0, outcome: { unknownStatus: "PAUSED" } });
    const { jobId } = await start("gen4.5", {});
    const status = model("gen4.5").doStatus({ jobId });
    await expect(status).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(model("gen4.5").doStatus({ jobId })).rejects.toThrow(
      /unknown job status "PAUSED"/,
    );
  });

  it("reports a task Runway no longer knows as expired, naming the id", async () => {
    fake.book.planNext({ queuedPolls: 0, runningPolls: 0, outcome: "expired" });
    const { jobId } = await start("gen4.5", {});
    expect(await model("gen4.5").doStatus({ jobId })).toMatchObject({
      state: "expired",
      message: expect.stringContaining(jobId),
    });
    expect(await model("gen4.5").doStatus({ jobId: "no-such-task" })).toMatchObject({
      state: "expired",
      message: expect.stringContaining("no-such-task"),
    });
  });

  it("says what to set when the key is missing or wrong", async () => {
    vi.stubEnv("RUNWAYML_API_SECRET", "");
    try {
      const keyless = createRunway({ baseURL: fake.url }).videoModel!("gen4.5");
      await expect(keyless.doStart({ prompt: "x", requestKey: "k" })).rejects.toBeInstanceOf(
        MissingApiKeyError,
      );
      await expect(keyless.doStart({ prompt: "x", requestKey: "k" })).rejects.toThrow(
        /RUNWAYML_API_SECRET/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
    const wrong = createRunway({ apiKey: "key_wrong", baseURL: fake.url }).videoModel!("gen4.5");
    const error = await wrong.doStart({ prompt: "x", requestKey: "k" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).status).toBe(401);
    expect((error as Error).message).toMatch(/Check RUNWAYML_API_SECRET/);
  });

  it("turns an HTML page into a one-line error, on an error status and on a 200", async () => {
    fake.api.inject({
      path: "/v1/text_to_video",
      status: 502,
      body: "<html><body>Bad gateway</body></html>",
      contentType: "text/html",
    });
    const error = await start("gen4.5", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).status).toBe(502);
    expect((error as Error).message).toMatch(/HTML page/);
    fake.api.inject({
      path: /\/v1\/tasks\//,
      status: 200,
      body: "<!doctype html><html></html>",
      contentType: "text/html",
    });
    await expect(model("gen4.5").doStatus({ jobId: "any" })).rejects.toThrow(/HTML page/);
  });

  it("keeps a proxy's 404 page on a status request an error, not an expired task", async () => {
    fake.api.inject({
      path: /\/v1\/tasks\//,
      status: 404,
      body: "<html><body>Not Found</body></html>",
      contentType: "text/html",
    });
    const error = await model("gen4.5")
      .doStatus({ jobId: "any" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).status).toBe(404);
  });

  it("says a task id to cancel is unknown to runway", async () => {
    await expect(model("gen4.5").doCancel({ jobId: "no-such-task" })).rejects.toThrow(
      /no-such-task is unknown to runway/,
    );
  });

  it("passes a 429 through with its retry-after for core to wait on", async () => {
    const before = fake.book.created;
    fake.api.inject({ path: "/v1/text_to_video", status: 429, headers: { "retry-after": "3" } });
    const error = await start("gen4.5", {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3000 });
    expect((error as Error).message).toMatch(/rolling 24 h/);
    expect(fake.book.created).toBe(before);
  });
});

describe("the fake Runway speaks like the service", () => {
  let fake: FakeRunway;
  beforeAll(async () => {
    fake = await startFakeRunway({ apiKey });
  });
  afterAll(() => fake.close());
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${fake.url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${apiKey}`,
        "x-runway-version": runwayApiVersion,
        "content-type": "application/json",
        ...headers,
      },
      body: JSON.stringify(body),
    });

  it("answers 400 without the version header and 401 for a wrong key, as {error}", async () => {
    const body = { model: "gen4.5", promptText: "x", ratio: "1280:720", duration: 5 };
    const noVersion = await fetch(`${fake.url}/v1/text_to_video`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toEqual({ error: expect.stringMatching(/X-Runway-Version/) });
    const wrongKey = await post("/v1/text_to_video", body, { authorization: "Bearer nope" });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toEqual({ error: expect.any(String) });
    expect(fake.book.created).toBe(0);
  });

  it("refuses gen4_turbo without an image, a text ratio gen4.5 lacks, and a bad data URI", async () => {
    const cases: [string, unknown][] = [
      ["/v1/text_to_video", { model: "gen4_turbo", promptText: "x", ratio: "1280:720" }],
      ["/v1/text_to_video", { model: "gen4.5", promptText: "x", ratio: "960:960", duration: 5 }],
      [
        "/v1/image_to_video",
        { model: "gen4_turbo", promptImage: "data:image/png;base64,AAAA", ratio: "1280:720" },
      ],
      ["/v1/text_to_video", { model: "veo3.1", promptText: "x", ratio: "1280:720", seed: 1 }],
      [
        "/v1/text_to_video",
        { model: "gen4.5", promptText: "x", ratio: "1280:720", duration: 5, audio: true },
      ],
    ];
    for (const [path, body] of cases) {
      const response = await post(path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
    expect(fake.book.created).toBe(0);
  });
});
