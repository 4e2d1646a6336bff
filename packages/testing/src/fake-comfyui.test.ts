import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeComfyUI, startFakeComfyUI } from "./fake-comfyui.js";

let fake: FakeComfyUI;
beforeAll(async () => {
  fake = await startFakeComfyUI({ stepDelayMs: 10 });
});
afterAll(() => fake.close());

const graph = (seed: number) => ({
  "4": {
    class_type: "CheckpointLoaderSimple",
    inputs: { ckpt_name: "v1-5-pruned-emaonly.safetensors" },
  },
  "5": { class_type: "EmptyLatentImage", inputs: { width: 64, height: 64, batch_size: 1 } },
  "6": { class_type: "CLIPTextEncode", inputs: { text: "a cat", clip: ["4", 1] } },
  "3": {
    class_type: "KSampler",
    inputs: {
      seed,
      steps: 3,
      cfg: 7,
      sampler_name: "euler",
      scheduler: "normal",
      denoise: 1,
      model: ["4", 0],
      positive: ["6", 0],
      negative: ["6", 0],
      latent_image: ["5", 0],
    },
  },
  "8": { class_type: "VAEDecode", inputs: { samples: ["3", 0], vae: ["4", 2] } },
  "9": { class_type: "SaveImage", inputs: { filename_prefix: "ComfyUI", images: ["8", 0] } },
});

const post = (path: string, body: unknown) =>
  fetch(`${fake.url}${path}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

describe("startFakeComfyUI", () => {
  it("keeps /history/{id} empty until the prompt is done, then lists its outputs", async () => {
    const reply = await post("/api/prompt", { prompt: graph(1), client_id: "abc" });
    const { prompt_id, node_errors } = (await reply.json()) as {
      prompt_id: string;
      node_errors: object;
    };
    expect(node_errors).toEqual({});
    expect(await (await fetch(`${fake.url}/history/${prompt_id}`)).json()).toEqual({});
    type History = Record<string, { outputs: Record<string, { images: { filename: string }[] }> }>;
    let entry: History = {};
    // Poll as a client without a socket does, for as long as it takes (the test's own timeout bounds it).
    while (!entry[prompt_id]) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      entry = (await (await fetch(`${fake.url}/history/${prompt_id}`)).json()) as History;
    }
    const [image] = entry[prompt_id]!.outputs["9"]!.images;
    const view = await fetch(`${fake.url}/view?filename=${image!.filename}&subfolder=&type=output`);
    expect(view.headers.get("content-type")).toBe("image/png");
  });

  it("refuses graphs the way ComfyUI validates them", async () => {
    const noOutput = graph(1) as Record<string, unknown>;
    delete noOutput["9"];
    const refused = await post("/prompt", { prompt: noOutput });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { type: string } }).error.type).toBe(
      "prompt_no_outputs",
    );
    const badCheckpoint = graph(1);
    badCheckpoint["4"].inputs.ckpt_name = "nope.safetensors";
    const body = (await (await post("/prompt", { prompt: badCheckpoint })).json()) as {
      node_errors: Record<string, { errors: { type: string }[] }>;
    };
    expect(body.node_errors["4"]!.errors[0]!.type).toBe("value_not_in_list");
  });
});
