import { type FakeGradio, startFakeGradio } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  AbortedError,
  ApiCallError,
  ConnectionError,
  InvalidResponseError,
  JobFailedError,
} from "../../errors.js";
import { generateImage } from "../../image/generate-image.js";
import { createGradio } from "./gradio-provider.js";

const servers: FakeGradio[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function setup() {
  const server = await startFakeGradio({ kind: "text-to-image" });
  servers.push(server);
  const model = createGradio().imageModel(server.url);
  const run = (extra: Record<string, unknown> = {}) =>
    generateImage({ model, prompt: "x", size: "64x64", maxRetries: 0, ...extra }).catch(
      (caught) => caught,
    );
  return { server, run };
}

describe("gradio adapter against faults", () => {
  it("says what to do when nothing listens at the URL", async () => {
    const server = await startFakeGradio();
    await server.close();
    const error = await generateImage({
      model: createGradio().imageModel(server.url),
      prompt: "x",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/start the app/);
  });

  it("tells a page that is not a Gradio app from a missing one", async () => {
    const { server, run } = await setup();
    server.inject({
      path: "/config",
      status: 200,
      body: "<!doctype html><html>hi</html>",
      contentType: "text/html",
    });
    const html = await run();
    expect(html).toBeInstanceOf(InvalidResponseError);
    expect(html.message).toMatch(/Gradio config/);
    server.inject({ path: "/config", status: 404, body: { detail: "Not Found" } });
    const missing = await run();
    expect(missing).toBeInstanceOf(ApiCallError);
    expect(missing.status).toBe(404);
    expect(missing.message).toMatch(/no Gradio app at/);
  });

  it("turns a full queue (503) and a 429 into a retryable 429, keeping Retry-After", async () => {
    const { server, run } = await setup();
    server.inject({ path: "/gradio_api/queue/join", status: 503, headers: { "retry-after": "7" } });
    const full = await run();
    expect(full).toBeInstanceOf(ApiCallError);
    expect([full.status, full.isRetryable, full.retryAfterMs]).toEqual([429, true, 7000]);
    server.inject({
      path: "/gradio_api/queue/join",
      status: 429,
      body: { detail: "Too many requests" },
    });
    const limited = await run();
    expect([limited.status, limited.isRetryable]).toEqual([429, true]);
  });

  it("reports the Space's own failure as JobFailedError, a spent GPU quota as 429", async () => {
    const { server, run } = await setup();
    server.failNextJob("CUDA out of memory");
    const failed = await run();
    expect(failed).toBeInstanceOf(JobFailedError);
    expect(failed.message).toMatch(/CUDA out of memory/);
    server.failNextJob("You have exceeded your GPU quota (60s requested vs. 12s left).");
    const quota = await run();
    expect(quota).toBeInstanceOf(ApiCallError);
    expect(quota.status).toBe(429);
  });

  it("explains broken JSON from the queue and an event stream that breaks", async () => {
    const { server, run } = await setup();
    server.inject({ path: "/gradio_api/queue/join", malformedJson: true });
    expect(await run()).toBeInstanceOf(InvalidResponseError);

    server.inject({ path: "/gradio_api/queue/data", cutStreamAfter: 1 });
    const cut = await run();
    expect(cut).toBeInstanceOf(ConnectionError);
    expect(cut.isRetryable).toBe(true);
    // The client is usable again: the next call opens a fresh stream.
    const ok = await run();
    expect(ok.images).toHaveLength(1);

    server.inject({ path: "/gradio_api/queue/data", status: 500 });
    const failed = await run();
    expect(failed).toBeInstanceOf(ApiCallError);
    expect(failed.status).toBe(500);
  });

  it("cancels a job that never finishes when the caller aborts", async () => {
    const { server, run } = await setup();
    server.holdNextJob();
    const controller = new AbortController();
    // Abort once the app says the job started, so it has an event id to cancel.
    const onProgress = (progress: { message?: string }) => {
      if (progress.message === "running") controller.abort();
    };
    const error = await run({ signal: controller.signal, onProgress });
    expect(error).toBeInstanceOf(AbortedError);
    await server.waitUntil(() =>
      server.requests.some((request) => request.path === "/gradio_api/reset"),
    );
    const cancel = server.requests.find((request) => request.path === "/gradio_api/cancel")!;
    expect(cancel.body).toEqual({
      event_id: expect.any(String),
      session_hash: expect.any(String),
      fn_index: 0,
    });
    // The same client keeps working after the abort.
    const next = await run();
    expect(next.images).toHaveLength(1);
  });
});
