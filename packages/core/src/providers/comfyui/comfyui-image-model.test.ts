import { type FakeComfyUI, fakeImage, startFakeComfyUI } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors.js";
import { generateImage } from "../../image/generate-image.js";
import { resolveModel } from "../../registry.js";
import type { Progress } from "../../spec/index.js";
import { type ComfyUISettings, createComfyUI } from "./comfyui-provider.js";

const servers: FakeComfyUI[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  delete process.env.COMFYUI_URL;
});

async function setup(
  fakeOptions: Parameters<typeof startFakeComfyUI>[0] = {},
  settings: ComfyUISettings = {},
) {
  const server = await startFakeComfyUI(fakeOptions);
  servers.push(server);
  const provider = createComfyUI({ baseURL: server.url, pollIntervalMs: 5, ...settings });
  return { server, provider };
}

type Graph = Record<string, { class_type: string; inputs: Record<string, unknown> }>;
const queued = (server: FakeComfyUI) => {
  const request = server.requests.find((each) => each.method === "POST" && each.path === "/prompt");
  return request?.body as { prompt: Graph; client_id: string };
};
const node = (graph: Graph, type: string) =>
  Object.values(graph).find((each) => each.class_type === type)!.inputs;

describe("comfyui adapter on the wire", () => {
  it("queues the built-in txt2img graph with the socket's client_id and reports progress", async () => {
    const { server, provider } = await setup();
    const reports: Progress[] = [];
    const result = await generateImage({
      model: provider.imageModel("default"),
      prompt: "雪中的寺庙",
      negativePrompt: "lowres",
      size: "384x256",
      seed: 77,
      steps: 6,
      guidance: 6.5,
      providerOptions: { comfyui: { sampler_name: "dpmpp_2m", scheduler: "karras" } },
      onProgress: (progress) => reports.push(progress),
    });
    const body = queued(server);
    expect(server.sockets.map((socket) => socket.clientId)).toEqual([body.client_id]);
    expect(body.client_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(node(body.prompt, "CheckpointLoaderSimple")).toEqual({
      ckpt_name: "v1-5-pruned-emaonly.safetensors",
    });
    expect(node(body.prompt, "KSampler")).toMatchObject({
      seed: 77,
      steps: 6,
      cfg: 6.5,
      sampler_name: "dpmpp_2m",
      scheduler: "karras",
      denoise: 1,
    });
    expect(node(body.prompt, "EmptyLatentImage")).toEqual({
      width: 384,
      height: 256,
      batch_size: 1,
    });
    const texts = Object.values(body.prompt)
      .filter((each) => each.class_type === "CLIPTextEncode")
      .map((each) => each.inputs.text);
    expect(texts).toEqual(["雪中的寺庙", "lowres"]);

    const image = result.images[0]!;
    expect([image.width, image.height, image.seed]).toEqual([384, 256, 77]);
    expect(
      Buffer.from(image.bytes).equals(
        fakeImage({ prompt: "雪中的寺庙", seed: 77, width: 384, height: 256 }),
      ),
    ).toBe(true);
    expect(result.parameters).toMatchObject({
      checkpoint: "v1-5-pruned-emaonly.safetensors",
      steps: 6,
    });
    const steps = reports.filter((report) => report.fraction !== undefined);
    expect(steps.map((report) => report.message)).toEqual(
      Array.from({ length: 6 }, (_, index) => `step ${index + 1}/6`),
    );
    expect(steps.at(-1)!.fraction).toBe(1);
    const view = server.requests.find((request) => request.path === "/view")!;
    expect(view.query).toEqual({
      filename: expect.stringMatching(/^genai-path_\d+_\.png$/),
      subfolder: "",
      type: "output",
    });
  });

  it("uploads the init image as multipart and loads it into the img2img graph", async () => {
    const { server, provider } = await setup();
    const init = fakeImage({ prompt: "photo", width: 200, height: 136 });
    const result = await generateImage({
      model: provider.imageModel("sd_xl_base_1.0"),
      prompt: "watercolor version",
      image: init,
      strength: 0.35,
      seed: 3,
    });
    const upload = server.requests.find((request) => request.path === "/upload/image")!;
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const [name, stored] = [...server.uploads][0]!;
    expect(name).toMatch(/^genai-path-[0-9a-f]{16}\.png$/);
    expect(stored.equals(init)).toBe(true);
    expect(upload.rawBody.toString("latin1")).toMatch(/name="overwrite"\r\n\r\ntrue/);
    const { prompt } = queued(server);
    expect(node(prompt, "LoadImage")).toEqual({ image: name });
    expect(node(prompt, "CheckpointLoaderSimple").ckpt_name).toBe("sd_xl_base_1.0.safetensors");
    expect(node(prompt, "KSampler").denoise).toBe(0.35);
    // No size asked: the init image's, rounded down to the 8-pixel latent grid.
    expect(node(prompt, "ImageScale")).toMatchObject({ width: 200, height: 136 });
    expect([result.images[0]!.width, result.images[0]!.height]).toEqual([200, 136]);
  });

  it("reads the checkpoint list in either combo style and refuses an unknown checkpoint", async () => {
    const { provider } = await setup({
      comboStyle: "COMBO",
      checkpoints: ["juggernautXL_v9.safetensors"],
    });
    expect(await provider.listModels()).toEqual(["juggernautXL_v9.safetensors"]);
    const error = await generateImage({
      model: provider.imageModel("dreamshaper_8"),
      prompt: "x",
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/no checkpoint "dreamshaper_8".*juggernautXL_v9\.safetensors/);
  });

  it("polls /history, which stays empty until the prompt is done, when the socket is off", async () => {
    const { server, provider } = await setup({ stepDelayMs: 5 }, { webSocket: false });
    const result = await generateImage({
      model: provider.imageModel("default"),
      prompt: "x",
      steps: 6,
      size: "64x64",
    });
    expect(result.images).toHaveLength(1);
    expect(server.sockets).toEqual([]);
    const polls = server.requests.filter((request) => request.path.startsWith("/history/"));
    expect(polls.length).toBeGreaterThan(1);
  });

  it("is the default image provider once COMFYUI_URL is set", async () => {
    const { server } = await setup();
    process.env.COMFYUI_URL = server.url;
    const model = await resolveModel("image", undefined);
    expect(`${model.provider}:${model.modelId}`).toBe("comfyui:default");
    const result = await generateImage({ model: "comfyui:default", prompt: "x", size: "64x64" });
    expect(result.provider).toBe("comfyui");
  });
});
