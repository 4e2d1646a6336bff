import { fakeImage, startFakeA1111 } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  AbortedError,
  ApiCallError,
  ConnectionError,
  InvalidInputError,
  InvalidResponseError,
} from "../../errors.js";
import { generateImage } from "../../image/generate-image.js";
import { resolveModel } from "../../registry.js";
import type { Progress } from "../../spec/index.js";
import { createA1111 } from "./a1111-provider.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  delete process.env.A1111_URL;
});

async function fake(options: Parameters<typeof startFakeA1111>[0] = {}) {
  const server = await startFakeA1111(options);
  closers.push(() => server.close());
  return server;
}

describe("a1111 adapter on the wire", () => {
  it("sends txt2img with the checkpoint override and reads seed and parameters from info", async () => {
    const server = await fake();
    const provider = createA1111({ baseURL: server.url });
    const result = await generateImage({
      model: provider.imageModel("sd_xl_base_1.0"),
      prompt: "山水画, ink wash",
      negativePrompt: "blurry",
      size: "640x448",
      n: 2,
      seed: 1234,
      steps: 12,
      guidance: 5.5,
      providerOptions: { a1111: { sampler_name: "DPM++ 2M", scheduler: "Karras" } },
    });
    const generation = server.requests.find((request) => request.path === "/sdapi/v1/txt2img")!;
    expect(generation.body).toEqual({
      prompt: "山水画, ink wash",
      negative_prompt: "blurry",
      seed: 1234,
      batch_size: 2,
      n_iter: 1,
      steps: 12,
      cfg_scale: 5.5,
      width: 640,
      height: 448,
      send_images: true,
      save_images: false,
      sampler_name: "DPM++ 2M",
      scheduler: "Karras",
      override_settings: {
        sd_model_checkpoint: expect.stringMatching(/^sd_xl_base_1\.0\.safetensors \[/),
      },
    });
    expect(generation.headers.authorization).toBeUndefined();
    // The grid WebUI puts first for a batch is skipped; each image keeps its own seed.
    expect(result.images.map((image) => image.seed)).toEqual([1234, 1235]);
    const grid = fakeImage({ prompt: "grid", width: 640, height: 448 });
    for (const image of result.images) {
      expect(Buffer.from(image.bytes).equals(grid)).toBe(false);
      expect([image.width, image.height]).toEqual([640, 448]);
    }
    expect(result.parameters).toMatchObject({
      sampler: "DPM++ 2M",
      scheduler: "Karras",
      checkpoint: "sd_xl_base_1.0",
      steps: 12,
      cfgScale: 5.5,
    });
  });

  it("sends img2img with the init image as bare base64 and the strength as denoising", async () => {
    const server = await fake();
    const init = fakeImage({ prompt: "init", width: 320, height: 256 });
    const result = await generateImage({
      model: createA1111({ baseURL: server.url }).imageModel("default"),
      prompt: "same scene at night",
      image: init,
      strength: 0.4,
    });
    const request = server.requests.find((each) => each.path === "/sdapi/v1/img2img")!;
    const body = request.body as Record<string, unknown>;
    expect(body.init_images).toEqual([init.toString("base64")]);
    expect(body.denoising_strength).toBe(0.4);
    expect(body.override_settings).toBeUndefined();
    // Without a size the picture keeps the init image's size.
    expect([body.width, body.height]).toEqual([320, 256]);
    expect([result.images[0]!.width, result.images[0]!.height]).toEqual([320, 256]);
    expect(result.images[0]!.seed).toEqual(expect.any(Number));
  });

  it("reports steps and ETA from /sdapi/v1/progress while the picture is made", async () => {
    const server = await fake({ stepDelayMs: 20 });
    let returned = false;
    let pollsAfterReturn = 0;
    const provider = createA1111({
      baseURL: server.url,
      progressIntervalMs: 10,
      fetch: (input, init) => {
        if (returned && String(input).includes("/sdapi/v1/progress")) pollsAfterReturn++;
        return fetch(input, init);
      },
    });
    const reports: Progress[] = [];
    await generateImage({
      model: provider.imageModel("default"),
      prompt: "a lighthouse",
      size: "256x256",
      steps: 8,
      onProgress: (progress) => reports.push(progress),
    });
    expect(server.requests.some((request) => request.path === "/sdapi/v1/progress")).toBe(true);
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) {
      expect(report.fraction).toBeGreaterThan(0);
      expect(report.fraction).toBeLessThanOrEqual(1);
      expect(report.message).toMatch(/^step \d+\/8$/);
      expect(report.etaSeconds).toBeGreaterThanOrEqual(0);
    }
    // Polling stops with the generation: while another client makes a second picture (8 steps
    // of 20 ms, many 10 ms poll intervals), this one starts no further poll.
    returned = true;
    await generateImage({
      model: createA1111({ baseURL: server.url }).imageModel("default"),
      prompt: "a second lighthouse",
      size: "256x256",
      steps: 8,
    });
    expect(pollsAfterReturn).toBe(0);
  });

  it("lists checkpoints and samplers, and refuses an unknown checkpoint by name", async () => {
    const server = await fake();
    const provider = createA1111({ baseURL: server.url });
    expect(await provider.listModels()).toEqual([
      expect.stringMatching(/^v1-5-pruned-emaonly\.safetensors \[[0-9a-f]{10}\]$/),
      expect.stringMatching(/^sd_xl_base_1\.0\.safetensors \[/),
    ]);
    expect(await provider.listSamplers()).toContain("DPM++ 2M");
    const error = await generateImage({
      model: provider.imageModel("dreamshaper_8"),
      prompt: "x",
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/no checkpoint "dreamshaper_8".*v1-5-pruned-emaonly/);
  });

  it("logs in with A1111_AUTH as HTTP Basic and never shows the password", async () => {
    const server = await fake({ auth: "painter:hunter2-secret" });
    const withAuth = createA1111({ baseURL: server.url, auth: "painter:hunter2-secret" });
    await generateImage({ model: withAuth.imageModel("default"), prompt: "x", size: "64x64" });
    const expected = `Basic ${Buffer.from("painter:hunter2-secret").toString("base64")}`;
    expect(server.requests.every((request) => request.headers.authorization === expected)).toBe(
      true,
    );

    const wrong = createA1111({ baseURL: server.url, auth: "painter:wrong-password-1" });
    const error = await generateImage({
      model: wrong.imageModel("default"),
      prompt: "x",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/A1111_AUTH/);
    expect(JSON.stringify({ ...error, message: error.message })).not.toMatch(/wrong-password-1/);
  });

  it("is the default image provider once A1111_URL is set", async () => {
    const server = await fake();
    process.env.A1111_URL = server.url;
    const model = await resolveModel("image", undefined);
    expect(`${model.provider}:${model.modelId}`).toBe("a1111:default");
    const result = await generateImage({ model: "a1111:default", prompt: "x", size: "64x64" });
    expect(result.provider).toBe("a1111");
  });
});

describe("a1111 adapter against faults", () => {
  it("says how to start the WebUI when nothing listens", async () => {
    const server = await startFakeA1111();
    const url = server.url;
    await server.close();
    const error = await generateImage({
      model: createA1111({ baseURL: url }).imageModel("default"),
      prompt: "x",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/--api/);
    expect(error.isRetryable).toBe(true);
  });

  it("explains an HTML page and malformed JSON", async () => {
    const server = await fake();
    const model = createA1111({ baseURL: server.url }).imageModel("default");
    server.inject({
      path: "/sdapi/v1/txt2img",
      status: 200,
      body: "<!DOCTYPE html><html>Welcome</html>",
      contentType: "text/html",
    });
    const html = await generateImage({ model, prompt: "x", maxRetries: 0 }).catch((e) => e);
    expect(html).toBeInstanceOf(InvalidResponseError);
    expect(html.message).toMatch(/HTML page/);

    server.inject({ path: "/sdapi/v1/txt2img", malformedJson: true });
    const broken = await generateImage({ model, prompt: "x", maxRetries: 0 }).catch((e) => e);
    expect(broken).toBeInstanceOf(InvalidResponseError);
    expect(broken.message).toMatch(/malformed JSON/);
  });

  it("passes on WebUI's own error (out of memory) as a retryable server error", async () => {
    const server = await fake();
    server.inject({
      path: "/sdapi/v1/txt2img",
      status: 500,
      body: { error: "OutOfMemoryError", detail: "", body: "", errors: "CUDA out of memory" },
    });
    const error = await generateImage({
      model: createA1111({ baseURL: server.url }).imageModel("default"),
      prompt: "x",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/CUDA out of memory/);
  });

  it("stops a generation that never finishes when the caller aborts", async () => {
    const server = await fake();
    server.inject({ path: "/sdapi/v1/txt2img", hang: true });
    const controller = new AbortController();
    const started = () => server.requests.some((request) => request.path === "/sdapi/v1/txt2img");
    void server.waitUntil(started, 10_000).then(() => controller.abort());
    const error = await generateImage({
      model: createA1111({ baseURL: server.url, progressIntervalMs: 10 }).imageModel("default"),
      prompt: "x",
      signal: controller.signal,
      onProgress: () => {},
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(AbortedError);
    await server.waitUntil(() => server.abortedRequests >= 1);
  });
});
