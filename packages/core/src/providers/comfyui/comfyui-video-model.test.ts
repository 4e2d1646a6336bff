import { execFile, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type FakeComfyUI, fakeImage, startFakeComfyUI, useTempDir } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ApiCallError, InvalidInputError, InvalidResponseError } from "../../errors.js";
import { FileJobStore } from "../../jobs/job-store.js";
import { resolveModel } from "../../registry.js";
import type { VideoJobStatus, VideoResultLink, VideoStartOptions } from "../../spec/index.js";
import { decodeVideo } from "../../video/decode-video.js";
import { generateVideo } from "../../video/generate-video.js";
import { ComfyUIClient } from "./comfyui-client.js";
import { type ComfyUISettings, createComfyUI } from "./comfyui-provider.js";
import { endedStatus } from "./comfyui-video-status.js";

const servers: FakeComfyUI[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
const folder = useTempDir("comfy-video-");

async function setup(settings: ComfyUISettings = {}, webSocket = true) {
  const server = await startFakeComfyUI({ webSocket });
  servers.push(server);
  const provider = createComfyUI({ baseURL: server.url, webSocket, ...settings });
  return { server, provider };
}

type Graph = Record<string, { class_type: string; inputs: Record<string, unknown> }>;
const queuedGraph = (server: FakeComfyUI) =>
  (server.requests.filter((each) => each.path === "/prompt").at(-1)!.body as { prompt: Graph })
    .prompt;
const node = (graph: Graph, type: string) =>
  Object.values(graph).find((each) => each.class_type === type)?.inputs ?? {};
const start = (options: Partial<VideoStartOptions>): VideoStartOptions => ({
  prompt: "a paper boat on a rainy street",
  requestKey: "key",
  ...options,
});

/** Polls until the job ends, keeping every status seen. */
async function statesUntilDone(
  model: { doStatus(options: { jobId: string }): Promise<VideoJobStatus> },
  jobId: string,
) {
  const seen: VideoJobStatus[] = [];
  for (let poll = 0; poll < 50; poll++) {
    const status = await model.doStatus({ jobId });
    seen.push(status);
    if (status.state !== "queued" && status.state !== "running") return seen;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("the job never ended");
}

describe("comfyui video: built-in Wan 2.2 workflows", () => {
  it("queues wan2.2-t2v with the asked length and ratio, and reads the MP4 from history", async () => {
    const { server, provider } = await setup();
    server.book.planNext({ queuedPolls: 1, runningPolls: 3 });
    const model = provider.videoModel("wan2.2-t2v");
    expect(model.limits.inputs).toEqual(["text"]);
    const { jobId, warnings } = await model.doStart(
      start({ durationSeconds: 3, aspectRatio: "9:16", seed: 42 }),
    );
    expect(warnings).toEqual([]);
    const graph = queuedGraph(server);
    expect(node(graph, "UNETLoader")).toEqual({
      unet_name: "wan2.2_ti2v_5B_fp16.safetensors",
      weight_dtype: "default",
    });
    expect(node(graph, "Wan22ImageToVideoLatent")).toMatchObject({
      width: 704,
      height: 1280,
      length: 73,
    });
    expect(node(graph, "Wan22ImageToVideoLatent")).not.toHaveProperty("start_image");
    expect(node(graph, "KSampler")).toMatchObject({ seed: 42, sampler_name: "uni_pc" });
    expect(node(graph, "CreateVideo")).toMatchObject({ fps: 24 });
    expect(node(graph, "CLIPTextEncode")).toMatchObject({ text: "a paper boat on a rainy street" });

    const seen = await statesUntilDone(model, jobId);
    expect(seen.map((each) => each.state)).toEqual([
      "queued",
      "running",
      "running",
      "running",
      "succeeded",
    ]);
    expect(seen[0]).toMatchObject({ queuePosition: 1 });
    const done = seen.at(-1) as { video: VideoResultLink };
    expect(done.video.url).toBe(
      `${server.url}/view?filename=genai-path_00001_.mp4&subfolder=video&type=output`,
    );
    const response = await fetch(done.video.url);
    const video = await decodeVideo(new Uint8Array(await response.arrayBuffer()), "comfyui");
    expect([video.width, video.height, video.durationSeconds]).toEqual([704, 1280, 3]);
  });

  it("reports the sampler's percent from the WebSocket while running", async () => {
    const { server, provider } = await setup();
    server.book.planNext({ queuedPolls: 0, runningPolls: 6 });
    const model = provider.videoModel("wan2.2-t2v");
    const { jobId } = await model.doStart(start({}));
    expect(server.sockets).toHaveLength(1);
    const seen = await statesUntilDone(model, jobId);
    const percents = seen.flatMap((each) =>
      each.state === "running" && each.progress !== undefined ? [each.progress] : [],
    );
    expect(percents.length).toBeGreaterThan(2);
    expect(percents.every((each, index) => index === 0 || each >= percents[index - 1]!)).toBe(true);
    expect(percents.at(-1)).toBeGreaterThan(0.5);
  });

  it("watches a job started elsewhere over a socket opened with the prompt's client_id", async () => {
    const { server, provider } = await setup();
    server.book.planNext({ queuedPolls: 0, runningPolls: 6 });
    const { jobId } = await provider.videoModel("wan2.2-t2v").doStart(start({}));
    const clientId = (
      server.requests.find((each) => each.path === "/prompt")!.body as {
        client_id: string;
      }
    ).client_id;
    const later = createComfyUI({ baseURL: server.url }).videoModel("wan2.2-t2v");
    const seen = await statesUntilDone(later, jobId);
    expect(server.sockets.map((each) => each.clientId)).toEqual([clientId, clientId]);
    expect(seen.some((each) => each.state === "running" && each.progress !== undefined)).toBe(true);
  });

  it("uploads the first frame for wan2.2-i2v and links it into the latent", async () => {
    const { server, provider } = await setup({}, false);
    const model = provider.videoModel("wan2.2-i2v");
    expect(model.limits.inputs).toEqual(["image"]);
    const picture = fakeImage({ prompt: "dragon", seed: 1, width: 96, height: 64 });
    const { jobId } = await model.doStart(
      start({ image: { data: picture, width: 96, height: 64 } }),
    );
    const upload = server.requests.findIndex((each) => each.path === "/upload/image");
    const queue = server.requests.findIndex((each) => each.path === "/prompt");
    expect(upload).toBeGreaterThanOrEqual(0);
    expect(upload).toBeLessThan(queue);
    const graph = queuedGraph(server);
    const loaded = String(node(graph, "LoadImage")?.image);
    expect(server.uploads.get(loaded)?.equals(picture)).toBe(true);
    const latent = node(graph, "Wan22ImageToVideoLatent")!;
    expect(graph[(latent.start_image as [string, number])[0]]?.class_type).toBe("LoadImage");
    // A landscape frame and no ratio asked: the landscape size, 5 s at 24 fps.
    expect(latent).toMatchObject({ width: 1280, height: 704, length: 121 });
    expect(server.book.jobs.get(jobId)?.request.image).toBe(true);
    expect((await statesUntilDone(model, jobId)).at(-1)?.state).toBe("succeeded");
  });

  it("refuses wan2.2-i2v without a picture and an unknown workflow name", async () => {
    const { provider } = await setup();
    await expect(provider.videoModel("wan2.2-i2v").doStart(start({}))).rejects.toThrow(
      /needs a first frame/,
    );
    expect(() => provider.videoModel("wan9")).toThrow(InvalidInputError);
    expect(() => provider.videoModel("wan9")).toThrow(/comfyui:wan2\.2-t2v.*my-workflow\.json/);
  });

  it("says where the Wan files go when ComfyUI lacks them", async () => {
    const { provider } = await setup();
    const error = await provider
      .videoModel("wan2.2-t2v")
      .doStart(
        start({
          providerOptions: { comfyui: { values: { vae_name: "wan_2.1_vae.safetensors" } } },
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as Error).message).toMatch(
      /VAELoader.*wan_2\.1_vae.*vae\/wan2\.2_vae\.safetensors/,
    );
  });
});

describe("comfyui video: a run killed (SIGKILL) and run again", () => {
  const stages = [
    {
      stage: "while polling",
      plan: { queuedPolls: 1, runningPolls: 30 },
      reached: (server: FakeComfyUI) => (server.book.jobs.values().next().value?.polls ?? 0) >= 3,
    },
    {
      stage: "mid-download",
      plan: { queuedPolls: 0, runningPolls: 1, bytesPerSecond: 60_000 },
      reached: (server: FakeComfyUI) => server.requests.some((each) => each.path === "/view"),
    },
  ];
  it.each(stages)(
    "$stage: the next run finishes it without a second prompt",
    async (trial) => {
      const { server } = await setup();
      server.book.planNext(trial.plan);
      const here = dirname(fileURLToPath(import.meta.url));
      const jobs = join(folder(), `kill-${trial.stage.replace(/\W+/g, "-")}`);
      const script = join(jobs, "..", `make-${trial.stage.replace(/\W+/g, "-")}.mts`);
      const options = `{ model: createComfyUI({ baseURL: ${JSON.stringify(server.url)} }).videoModel("wan2.2-t2v"),
  prompt: "a paper lantern drifting upward", seconds: 2, seed: 9,
  store: new FileJobStore(${JSON.stringify(jobs)}), pollIntervalMs: 20 }`;
      await writeFile(
        script,
        `import { createComfyUI } from ${JSON.stringify(join(here, "comfyui-provider.ts"))};
import { FileJobStore } from ${JSON.stringify(join(here, "../../jobs/job-store.ts"))};
import { generateVideo } from ${JSON.stringify(join(here, "../../video/generate-video.ts"))};
await generateVideo(${options});`,
      );
      // One process: tsx's CLI runs the script in a child that would outlive the SIGKILL.
      const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: "ignore" });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await server.waitUntil(() => trial.reached(server), 60_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      child.kill("SIGKILL");
      await exited;
      const { video, resumed } = await generateVideo({
        model: createComfyUI({ baseURL: server.url }).videoModel("wan2.2-t2v"),
        prompt: "a paper lantern drifting upward",
        seconds: 2,
        seed: 9,
        store: new FileJobStore(jobs),
        pollIntervalMs: 5,
      });
      expect(resumed).toBe(true);
      expect(server.book.created).toBe(1);
      expect(server.requests.filter((each) => each.path === "/prompt")).toHaveLength(1);
      const downloads = server.requests.filter((each) => each.path === "/view").length;
      expect(downloads).toBe(trial.stage === "mid-download" ? 2 : 1);
      expect([video.width, video.height, video.durationSeconds]).toEqual([1280, 704, 2]);
      expect(
        Buffer.from(video.bytes).equals(server.book.video(server.book.jobs.values().next().value!)),
      ).toBe(true);
    },
    90_000,
  );
});

describe("comfyui video: job states", () => {
  it("lets a process exit while a job it watched over the WebSocket still runs", async () => {
    const { server } = await setup();
    server.book.planNext({ queuedPolls: 0, runningPolls: 1000 });
    const provider = join(dirname(fileURLToPath(import.meta.url)), "comfyui-provider.ts");
    const script = join(folder(), "watch-once.mts");
    await writeFile(
      script,
      `import { createComfyUI } from ${JSON.stringify(provider)};
const model = createComfyUI({ baseURL: ${JSON.stringify(server.url)} }).videoModel("wan2.2-t2v");
const { jobId } = await model.doStart({ prompt: "a boat", requestKey: "k" });
console.log((await model.doStatus({ jobId })).state);`,
    );
    const began = Date.now();
    const { stdout } = await promisify(execFile)(
      join(process.cwd(), "node_modules/.bin/tsx"),
      [script],
      { timeout: 60_000 },
    );
    expect(stdout.trim()).toBe("running");
    expect(server.sockets).toHaveLength(1);
    // Without unref the open socket would hold it for the two-minute idle limit.
    expect(Date.now() - began).toBeLessThan(45_000);
  }, 90_000);

  it("maps execution_error to failed with the node's message", async () => {
    const { server, provider } = await setup({}, false);
    server.book.planNext({ outcome: "failed" });
    const model = provider.videoModel("wan2.2-t2v");
    const { jobId } = await model.doStart(start({}));
    expect((await statesUntilDone(model, jobId)).at(-1)).toEqual({
      state: "failed",
      message: "KSampler: The prompt was flagged by moderation.",
      code: "RuntimeError",
    });
  });

  it("gives each waiting prompt its place in the queue", async () => {
    const { server, provider } = await setup({}, false);
    server.book.planNext({ queuedPolls: 5 });
    server.book.planNext({ queuedPolls: 5 });
    const model = provider.videoModel("wan2.2-t2v");
    const first = await model.doStart(start({}));
    const second = await model.doStart(start({ prompt: "another" }));
    expect(await model.doStatus({ jobId: second.jobId })).toEqual({
      state: "queued",
      queuePosition: 2,
      message: "pending",
    });
    expect(await model.doStatus({ jobId: first.jobId })).toMatchObject({ queuePosition: 1 });
  });

  it("interrupts a running prompt and deletes a waiting one", async () => {
    const { server, provider } = await setup({}, false);
    server.book.planNext({ queuedPolls: 0, runningPolls: 50 });
    server.book.planNext({ queuedPolls: 50 });
    const model = provider.videoModel("wan2.2-t2v");
    const running = await model.doStart(start({}));
    const waiting = await model.doStart(start({ prompt: "second" }));
    expect((await model.doStatus({ jobId: running.jobId })).state).toBe("running");
    await model.doCancel({ jobId: running.jobId });
    await model.doCancel({ jobId: waiting.jobId });
    const interrupt = server.requests.find((each) => each.path === "/interrupt");
    const deletion = server.requests.find(
      (each) => each.path === "/queue" && each.method === "POST",
    );
    expect(interrupt?.body).toEqual({ prompt_id: running.jobId });
    expect(deletion?.body).toEqual({ delete: [waiting.jobId] });
    expect(await model.doStatus({ jobId: running.jobId })).toEqual({
      state: "cancelled",
      message: "the prompt was interrupted on the ComfyUI server",
    });
    expect((await model.doStatus({ jobId: waiting.jobId })).state).toBe("cancelled");
    // Another process cannot tell a deleted prompt from one lost in a restart.
    const later = createComfyUI({ baseURL: server.url, webSocket: false }).videoModel("wan2.2-t2v");
    expect((await later.doStatus({ jobId: waiting.jobId })).state).toBe("expired");
  });

  it("calls a prompt the server does not know expired, saying why", async () => {
    const { server, provider } = await setup({}, false);
    server.book.planNext({ outcome: "expired" });
    const model = provider.videoModel("wan2.2-t2v");
    const { jobId } = await model.doStart(start({}));
    const last = (await statesUntilDone(model, jobId)).at(-1);
    expect(last).toMatchObject({ state: "expired" });
    expect((last as { message: string }).message).toMatch(
      new RegExp(`does not know prompt ${jobId}: it restarted.*deleted`),
    );
    expect(await model.doStatus({ jobId: "5bd0c4a6-0000-4000-8000-000000000000" })).toMatchObject({
      state: "expired",
    });
  });

  it("ends the wait on a status word it does not know", async () => {
    const { server, provider } = await setup({}, false);
    server.book.planNext({ queuedPolls: 0, runningPolls: 0, outcome: { unknownStatus: "paused" } });
    const model = provider.videoModel("wan2.2-t2v");
    const { jobId } = await model.doStart(start({}));
    const error = await model.doStatus({ jobId }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/unknown job status "paused"/);
  });

  it("reads an HTML page where JSON was due as an unreadable answer", async () => {
    const { server, provider } = await setup({}, false);
    const model = provider.videoModel("wan2.2-t2v");
    const { jobId } = await model.doStart(start({}));
    server.inject({
      status: 502,
      body: "<html><body>Bad Gateway</body></html>",
      contentType: "text/html",
      path: "/queue",
    });
    await expect(model.doStatus({ jobId })).rejects.toThrow(/502|HTML/);
  });
});

describe("comfyui video: a user's workflow file", () => {
  const vhsWorkflow = (extra: Record<string, unknown> = {}) => ({
    "1": {
      class_type: "UNETLoader",
      inputs: { unet_name: "wan2.2_ti2v_5B_fp16.safetensors", weight_dtype: "default" },
    },
    "2": {
      class_type: "CLIPLoader",
      inputs: { clip_name: "umt5_xxl_fp8_e4m3fn_scaled.safetensors", type: "wan" },
    },
    "3": { class_type: "VAELoader", inputs: { vae_name: "wan2.2_vae.safetensors" } },
    "5": {
      class_type: "CLIPTextEncode",
      inputs: { text: "{{prompt}}, best quality", clip: ["2", 0] },
    },
    "6": { class_type: "CLIPTextEncode", inputs: { text: "blurry", clip: ["2", 0] } },
    "7": {
      class_type: "Wan22ImageToVideoLatent",
      inputs: {
        vae: ["3", 0],
        width: "{{width}}",
        height: "{{height}}",
        length: "{{frames}}",
        batch_size: 1,
      },
    },
    "8": {
      class_type: "KSampler",
      inputs: {
        seed: "{{seed}}",
        steps: "{{steps}}",
        cfg: 5,
        sampler_name: "uni_pc",
        scheduler: "simple",
        denoise: 1,
        model: ["1", 0],
        positive: ["5", 0],
        negative: ["6", 0],
        latent_image: ["7", 0],
      },
    },
    "9": { class_type: "VAEDecode", inputs: { samples: ["8", 0], vae: ["3", 0] } },
    "10": {
      class_type: "VHS_VideoCombine",
      inputs: {
        images: ["9", 0],
        frame_rate: "{{fps}}",
        loop_count: 0,
        filename_prefix: "wan",
        format: "video/h264-mp4",
        pingpong: false,
        save_output: true,
      },
    },
    ...extra,
  });

  it("fills the placeholders and finds the MP4 Video Helper Suite lists under gifs", async () => {
    const { server, provider } = await setup({}, false);
    const path = join(folder(), "vhs.json");
    await writeFile(path, JSON.stringify(vhsWorkflow()));
    const model = provider.videoModel(path);
    expect(model.limits).toEqual({ inputs: ["text", "image"] });
    const { jobId, warnings } = await model.doStart(
      start({
        durationSeconds: 3,
        aspectRatio: "1:1",
        seed: 7,
        providerOptions: { comfyui: { values: { fps: 8, steps: 4 } } },
      }),
    );
    expect(warnings).toEqual([]);
    const graph = queuedGraph(server);
    expect(node(graph, "Wan22ImageToVideoLatent")).toMatchObject({
      width: 960,
      height: 960,
      length: 25,
    });
    expect(node(graph, "KSampler")).toMatchObject({ seed: 7, steps: 4 });
    expect(node(graph, "VHS_VideoCombine")).toMatchObject({ frame_rate: 8 });
    expect(graph["5"]?.inputs.text).toBe("a paper boat on a rainy street, best quality");
    const done = (await statesUntilDone(model, jobId)).at(-1) as { video: VideoResultLink };
    expect(done.video.url).toBe(`${server.url}/view?filename=wan_00001.mp4&subfolder=&type=output`);
    const bytes = new Uint8Array(await (await fetch(done.video.url)).arrayBuffer());
    expect((await decodeVideo(bytes, "comfyui")).durationSeconds).toBe(3);
  });

  it("runs as comfyui:<file> through the registry and generateVideo, at no cost", async () => {
    const { server } = await setup({}, false);
    const path = join(folder(), "by-name.json");
    await writeFile(path, JSON.stringify(vhsWorkflow()));
    process.env.COMFYUI_URL = server.url;
    try {
      const model = await resolveModel("video", `comfyui:${path}`);
      expect([model.provider, model.modelId]).toEqual(["comfyui", path]);
      const defaultModel = await resolveModel("video", "comfyui");
      expect(defaultModel.modelId).toBe("wan2.2-t2v");
      const result = await generateVideo({
        model,
        prompt: "a koi pond",
        seconds: 2,
        store: new FileJobStore(join(folder(), "jobs")),
        pollIntervalMs: 5,
      });
      expect(result.estimatedCost?.amount ?? 0).toBe(0);
      expect([result.video.width, result.video.height, result.video.durationSeconds]).toEqual([
        1280, 704, 2,
      ]);
      expect(server.book.created).toBe(1);
    } finally {
      delete process.env.COMFYUI_URL;
    }
  });

  it("refuses a workflow without {{prompt}} or a picture it has no {{image}} for, and warns about the rest", async () => {
    const { provider } = await setup({}, false);
    const noPrompt = vhsWorkflow({
      "5": { class_type: "CLIPTextEncode", inputs: { text: "fixed", clip: ["2", 0] } },
    });
    const path = join(folder(), "no-prompt.json");
    await writeFile(path, JSON.stringify(noPrompt));
    await expect(provider.videoModel(path).doStart(start({}))).rejects.toThrow(/no \{\{prompt\}\}/);

    const fixed = vhsWorkflow({
      "7": {
        class_type: "Wan22ImageToVideoLatent",
        inputs: { vae: ["3", 0], width: 832, height: 480, length: 33, batch_size: 1 },
      },
    });
    const fixedPath = join(folder(), "fixed.json");
    await writeFile(fixedPath, JSON.stringify(fixed));
    const model = provider.videoModel(fixedPath);
    const picture = fakeImage({ prompt: "x", seed: 1, width: 64, height: 64 });
    await expect(
      model.doStart(start({ image: { data: picture, width: 64, height: 64 } })),
    ).rejects.toThrow(/no \{\{image\}\} placeholder/);
    const { warnings } = await model.doStart(
      start({ durationSeconds: 4, size: { width: 640, height: 480 } }),
    );
    expect(warnings.map((each) => each.setting)).toEqual(["seconds", "size"]);
  });

  it("says a UI-format file must be exported in API format", async () => {
    const { provider } = await setup({}, false);
    const path = join(folder(), "ui.json");
    await writeFile(path, JSON.stringify({ nodes: [], links: [] }));
    await expect(provider.videoModel(path).doStart(start({}))).rejects.toThrow(/Export \(API\)/);
  });
});

describe("comfyui video: reading a history entry", () => {
  const client = new ComfyUIClient({
    baseURL: "http://127.0.0.1:8188",
    headers: { "x-proxy": "1" },
  });
  it("takes an entry without status (builds before 2023) as run, and prefers a saved file to a preview", () => {
    const status = endedStatus(client, "p1", {
      outputs: {
        "3": { images: [{ filename: "preview.webm", subfolder: "", type: "temp" }] },
        "9": { videos: [{ filename: "clip 1.mp4", subfolder: "video", type: "output" }] },
      },
    });
    expect(status).toEqual({
      state: "succeeded",
      video: {
        url: "http://127.0.0.1:8188/view?filename=clip+1.mp4&subfolder=video&type=output",
        headers: { "x-proxy": "1" },
      },
    });
  });

  it("refuses a finished prompt that saved no video, naming the nodes that save one", () => {
    expect(() =>
      endedStatus(client, "p2", {
        outputs: { "9": { images: [{ filename: "a.png", subfolder: "", type: "output" }] } },
        status: { status_str: "success", completed: true, messages: [] },
      }),
    ).toThrow(/SaveVideo or VHS_VideoCombine/);
  });
});
