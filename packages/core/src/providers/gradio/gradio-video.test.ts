import { type FakeGradio, fakeImage, startFakeGradio } from "@path/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionError, InvalidInputError } from "../../errors.js";
import { resolveModel } from "../../registry.js";
import type { VideoJobStatus, VideoModel, VideoStartOptions } from "../../spec/index.js";
import { decodeVideo } from "../../video/decode-video.js";
import { createGradio } from "./gradio-provider.js";

const servers: FakeGradio[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function app(options: Parameters<typeof startFakeGradio>[0]) {
  const server = await startFakeGradio(options);
  servers.push(server);
  return { server, model: createGradio().videoModel(server.url) };
}

const start = (options: Partial<VideoStartOptions> = {}): VideoStartOptions => ({
  prompt: "a paper boat drifting down a rainy street",
  requestKey: "key",
  ...options,
});
const joinData = (server: FakeGradio) =>
  (
    server.requests.find((each) => each.path === "/gradio_api/queue/join")!.body as {
      data: unknown[];
    }
  ).data;

async function statesUntilDone(model: VideoModel, jobId: string) {
  const seen: VideoJobStatus[] = [];
  for (let poll = 0; poll < 400; poll++) {
    const status = await model.doStatus({ jobId });
    seen.push(status);
    if (status.state !== "queued" && status.state !== "running") return seen;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error("the job never ended");
}

describe("gradio video", () => {
  it("puts prompt, length, ratio and seed on the inputs that fit and hands back the MP4", async () => {
    const { server, model } = await app({ kind: "text-to-video", stepDelayMs: 10 });
    const { jobId, warnings } = await model.doStart(
      start({ durationSeconds: 3, aspectRatio: "9:16", seed: 7 }),
    );
    expect(jobId).toMatch(/^gradio-[0-9a-f-]{36}$/);
    expect(warnings).toEqual([]);
    // prompt, negative prompt, seconds, width, height, steps, seed, randomize seed
    expect(joinData(server)).toEqual([start().prompt, "", 3, 480, 832, 4, 7, false]);
    const seen = await statesUntilDone(model, jobId);
    expect(seen.some((each) => each.state === "running" && each.progress !== undefined)).toBe(true);
    const done = seen.at(-1)!;
    expect(done.state).toBe("succeeded");
    const bytes = (done as { video: { data: Uint8Array } }).video.data;
    const video = await decodeVideo(bytes, "gradio");
    expect([video.width, video.height, video.durationSeconds]).toEqual([480, 832, 3]);
  });

  it("takes a ratio the app's default size does not have at that size's long side", async () => {
    const { server, model } = await app({ kind: "text-to-video" });
    await model.doStart(start({ aspectRatio: "1:1" }));
    expect(joinData(server).slice(3, 5)).toEqual([832, 832]);
  });

  it("uploads the first frame to an image-to-video app and animates it at its size", async () => {
    const { server, model } = await app({ kind: "image-to-video" });
    const picture = fakeImage({ prompt: "dragon", seed: 3, width: 96, height: 64 });
    const { jobId, warnings } = await model.doStart(
      start({ image: { data: picture, width: 96, height: 64 }, size: { width: 640, height: 360 } }),
    );
    expect(server.requests.some((each) => each.path === "/gradio_api/upload")).toBe(true);
    expect(joinData(server)[0]).toMatchObject({ path: expect.stringMatching(/^\/tmp\/gradio\//) });
    expect(warnings.map((each) => each.setting)).toEqual(["size"]);
    const done = (await statesUntilDone(model, jobId)).at(-1) as { video: { data: Uint8Array } };
    const video = await decodeVideo(done.video.data, "gradio");
    expect([video.width, video.height, video.durationSeconds]).toEqual([96, 64, 2]);
  });

  it("refuses a picture for a text-only app and an app that makes no video", async () => {
    const { model } = await app({ kind: "text-to-video" });
    const picture = fakeImage({ prompt: "x", seed: 1, width: 64, height: 64 });
    await expect(
      model.doStart(start({ image: { data: picture, width: 64, height: 64 } })),
    ).rejects.toThrow(/takes no image, so it cannot animate a picture/);
    const images = await app({ kind: "text-to-image" });
    const error = await images.model.doStart(start()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(
      /no endpoint that takes a prompt and returns a video.*\/infer/,
    );
  });

  it("warns when the app has no length input", async () => {
    const { model } = await app({
      endpoints: [
        {
          name: "/predict",
          parameters: [{ name: "text", label: "Prompt", component: "Textbox" }],
          returns: [{ label: "Video", component: "Video" }],
        },
      ],
    });
    const { jobId, warnings } = await model.doStart(
      start({ durationSeconds: 4, aspectRatio: "1:1" }),
    );
    expect(warnings.map((each) => each.setting)).toEqual(["seconds", "aspectRatio"]);
    expect((await statesUntilDone(model, jobId)).at(-1)?.state).toBe("succeeded");
  });

  it("reports its place in the app's queue, then the steps", async () => {
    const { server, model } = await app({ kind: "text-to-video", stepDelayMs: 40 });
    server.book.planNext({ queuedPolls: 4, runningPolls: 3 });
    const { jobId } = await model.doStart(start());
    const seen = await statesUntilDone(model, jobId);
    const places = seen.flatMap((each) =>
      each.state === "queued" && each.queuePosition !== undefined ? [each.queuePosition] : [],
    );
    expect(places[0]).toBeGreaterThan(1);
    expect(places.at(-1)).toBe(1);
    expect(places).toEqual([...places].sort((a, b) => b - a));
    const fractions = seen.flatMap((each) =>
      each.state === "running" && each.progress !== undefined ? [each.progress] : [],
    );
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it("reports a failed job with the app's message", async () => {
    const { server, model } = await app({ kind: "text-to-video" });
    server.failNextJob("CUDA out of memory. Tried to allocate 9.00 GiB");
    const { jobId } = await model.doStart(start());
    const last = (await statesUntilDone(model, jobId)).at(-1)!;
    expect(last.state).toBe("failed");
    expect((last as { message: string }).message).toMatch(/CUDA out of memory/);
  });

  it("cancels a job on the app", async () => {
    const { server, model } = await app({ kind: "text-to-video" });
    server.holdNextJob();
    const { jobId } = await model.doStart(start());
    expect(["queued", "running"]).toContain((await model.doStatus({ jobId })).state);
    await model.doCancel!({ jobId });
    const last = (await statesUntilDone(model, jobId)).at(-1);
    expect(last?.state).toBe("cancelled");
    await server.waitUntil(() =>
      server.requests.some((each) => each.path === "/gradio_api/cancel"),
    );
  });

  it("calls a job from another process expired and says Gradio jobs do not survive a restart", async () => {
    const { model } = await app({ kind: "text-to-video" });
    const status = await model.doStatus({ jobId: "gradio-5bd0c4a6-0000-4000-8000-000000000000" });
    expect(status.state).toBe("expired");
    expect((status as { message: string }).message).toMatch(
      /Gradio jobs do not survive a restart.*process that has ended/,
    );
  });

  it("is named gradio:<app> for video, with a Wan Space when only the provider is named", async () => {
    const { server } = await app({ kind: "text-to-video" });
    const model = await resolveModel("video", `gradio:${server.url}#/generate_video`);
    expect([model.provider, model.modelId]).toEqual(["gradio", `${server.url}#/generate_video`]);
    expect((await resolveModel("video", "gradio")).modelId).toBe("Wan-AI/Wan2.2-5B");
    const { jobId } = await model.doStart(start());
    expect((await statesUntilDone(model, jobId)).at(-1)?.state).toBe("succeeded");
  });

  it("lets a handed-over video go from memory after ten minutes", async () => {
    const { model } = await app({ kind: "text-to-video" });
    const { jobId } = await model.doStart(start());
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      let status = await model.doStatus({ jobId });
      while (status.state === "queued" || status.state === "running") {
        await new Promise((resolve) => setImmediate(resolve));
        status = await model.doStatus({ jobId });
      }
      expect(status.state).toBe("succeeded");
      vi.advanceTimersByTime(9 * 60_000);
      expect((await model.doStatus({ jobId })).state).toBe("succeeded");
      vi.advanceTimersByTime(2 * 60_000);
      expect(await model.doStatus({ jobId })).toMatchObject({
        state: "expired",
        message: expect.stringMatching(/handed over; it is no longer kept/),
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends nothing when the start is already aborted", async () => {
    const { server, model } = await app({ kind: "text-to-video" });
    const controller = new AbortController();
    controller.abort();
    await expect(model.doStart(start({ signal: controller.signal }))).rejects.toThrow();
    expect(server.requests.some((each) => each.path === "/gradio_api/queue/join")).toBe(false);
  });

  it("fails the start itself when the app cannot be reached", async () => {
    const { server } = await app({ kind: "text-to-video" });
    const url = server.url;
    await server.close();
    servers.length = 0;
    await expect(createGradio().videoModel(url).doStart(start())).rejects.toBeInstanceOf(
      ConnectionError,
    );
  });
});
