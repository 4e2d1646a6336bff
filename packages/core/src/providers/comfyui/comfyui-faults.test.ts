import { type FakeComfyUI, startFakeComfyUI } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  AbortedError,
  ApiCallError,
  ConnectionError,
  InvalidResponseError,
  JobFailedError,
  TimeoutError,
} from "../../errors.js";
import { generateImage } from "../../image/generate-image.js";
import { type ComfyUISettings, createComfyUI } from "./comfyui-provider.js";

const servers: FakeComfyUI[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function setup(settings: ComfyUISettings = {}) {
  const server = await startFakeComfyUI({ stepDelayMs: 2 });
  servers.push(server);
  const provider = createComfyUI({ baseURL: server.url, pollIntervalMs: 5, ...settings });
  const run = (extra: Record<string, unknown> = {}) =>
    generateImage({
      model: provider.imageModel("default"),
      prompt: "x",
      size: "64x64",
      maxRetries: 0,
      ...extra,
    }).catch((caught) => caught);
  return { server, run };
}

describe("comfyui adapter against faults", () => {
  it("says how to start ComfyUI when nothing listens", async () => {
    const server = await startFakeComfyUI();
    const url = server.url;
    await server.close();
    const error = await generateImage({
      model: createComfyUI({ baseURL: url }).imageModel("default"),
      prompt: "x",
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/start ComfyUI/);
  });

  for (const webSocket of [true, false]) {
    it(`turns a failed prompt into JobFailedError (${webSocket ? "socket" : "history"})`, async () => {
      const { server, run } = await setup({ webSocket });
      server.failNextPrompt("CUDA out of memory");
      const error = await run();
      expect(error).toBeInstanceOf(JobFailedError);
      expect(error.message).toMatch(/KSampler: CUDA out of memory/);
      expect(error.isRetryable).toBe(false);
    });
  }

  it("interrupts its own prompt on the server when the caller aborts", async () => {
    const { server, run } = await setup();
    server.holdNextPrompt();
    const controller = new AbortController();
    // Abort once the prompt is running (its first step arrived over the socket).
    const onProgress = (progress: { fraction?: number }) => {
      if (progress.fraction !== undefined) controller.abort();
    };
    const error = await run({ signal: controller.signal, onProgress });
    expect(error).toBeInstanceOf(AbortedError);
    const interrupt = server.requests.find((request) => request.path === "/interrupt");
    expect(interrupt?.body).toEqual({ prompt_id: expect.any(String) });
  });

  it("gives up after maxWaitMs on a prompt that never finishes, and takes it off the queue", async () => {
    const { server, run } = await setup({ webSocket: false, maxWaitMs: 120 });
    server.holdNextPrompt();
    const error = await run();
    expect(error).toBeInstanceOf(TimeoutError);
    // Interrupted if it was running by then, else deleted from the queue.
    const cancelled = server.requests.find(
      (request) =>
        request.path === "/interrupt" || (request.path === "/queue" && request.method === "POST"),
    );
    expect(cancelled).toBeDefined();
  });

  it("names the nodes ComfyUI refused", async () => {
    const { run } = await setup();
    const workflow = {
      "1": { class_type: "CLIPTextEncode", inputs: { text: "{{prompt}}", clip: ["9", 1] } },
      "2": { class_type: "SaveImage", inputs: { filename_prefix: "x" } },
    };
    const error = await run({ providerOptions: { comfyui: { workflow } } });
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/node 1 \(CLIPTextEncode\): Bad linked input/);
    expect(error.message).toMatch(/node 2 \(SaveImage\): Required input is missing images/);
  });

  it("explains malformed JSON and an HTML page", async () => {
    const { server, run } = await setup();
    server.inject({ path: "/prompt", malformedJson: true });
    const broken = await run();
    expect(broken).toBeInstanceOf(InvalidResponseError);
    server.inject({
      path: /\/history\//,
      status: 200,
      body: "<html>login</html>",
      contentType: "text/html",
    });
    const html = await run({ providerOptions: {} });
    // The socket already said the prompt is done; the history page is HTML.
    expect(html).toBeInstanceOf(InvalidResponseError);
    expect(html.message).toMatch(/HTML page/);
  });

  it("refuses a truncated picture from /view", async () => {
    const { server, run } = await setup();
    server.inject({ path: "/prompt", truncateImages: true });
    const error = await run();
    expect(error.code).toBe("invalid-media");
  });
});
