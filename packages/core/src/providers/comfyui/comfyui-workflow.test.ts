import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeComfyUI, fakeImage, startFakeComfyUI } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors.js";
import { generateImage } from "../../image/generate-image.js";
import { textToImageWorkflow } from "./comfyui-builtin-workflows.js";
import { fillPlaceholders, placeholdersIn } from "./comfyui-placeholders.js";
import { createComfyUI } from "./comfyui-provider.js";

let server: FakeComfyUI;
let directory: string;
beforeAll(async () => {
  server = await startFakeComfyUI();
  directory = await mkdtemp(join(tmpdir(), "comfy-workflow-"));
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

/** A user's own workflow: fixed checkpoint and sampler, only some placeholders. */
const userWorkflow = {
  "10": {
    class_type: "CheckpointLoaderSimple",
    inputs: { ckpt_name: "sd_xl_base_1.0.safetensors" },
  },
  "11": {
    class_type: "CLIPTextEncode",
    inputs: { text: "{{prompt}}, {{style}}", clip: ["10", 1] },
  },
  "12": { class_type: "CLIPTextEncode", inputs: { text: "text, watermark", clip: ["10", 1] } },
  "13": {
    class_type: "EmptyLatentImage",
    inputs: { width: "{{width}}", height: "{{height}}", batch_size: 1 },
  },
  "14": {
    class_type: "KSampler",
    inputs: {
      seed: "{{ seed }}",
      steps: 4,
      cfg: "{{guidance}}",
      sampler_name: "euler_ancestral",
      scheduler: "simple",
      denoise: 1,
      model: ["10", 0],
      positive: ["11", 0],
      negative: ["12", 0],
      latent_image: ["13", 0],
    },
  },
  "15": { class_type: "VAEDecode", inputs: { samples: ["14", 0], vae: ["10", 2] } },
  "16": { class_type: "SaveImage", inputs: { filename_prefix: "mine", images: ["15", 0] } },
};

function run(workflow: unknown, extra: Record<string, unknown> = {}) {
  const provider = createComfyUI({ baseURL: server.url });
  return generateImage({
    model: provider.imageModel("default"),
    prompt: "a fox",
    seed: 9,
    size: "128x192",
    maxRetries: 0,
    providerOptions: { comfyui: { workflow, values: { style: "ukiyo-e" } } },
    ...extra,
  });
}

describe("comfyui placeholders", () => {
  it("fills typed values, text inside strings, aliases and spacing", () => {
    expect([...placeholdersIn(userWorkflow)].sort()).toEqual([
      "cfg",
      "height",
      "prompt",
      "seed",
      "style",
      "width",
    ]);
    const filled = fillPlaceholders(userWorkflow, {
      prompt: "fox",
      style: "ink",
      seed: 5,
      width: 64,
      height: 64,
      cfg: 3,
    });
    expect(filled["11"].inputs.text).toBe("fox, ink");
    // "{{ seed }}" (spacing) and "{{guidance}}" (an alias of cfg) become numbers, not text.
    expect(filled["14"].inputs).toMatchObject({ seed: 5, cfg: 3, steps: 4 });
    expect(filled["13"].inputs).toEqual({ width: 64, height: 64, batch_size: 1 });
    expect(JSON.stringify(filled)).not.toContain("{{");
    expect(userWorkflow["14"].inputs.seed).toBe("{{ seed }}");
  });

  it("names a placeholder that has no value", () => {
    expect(() => fillPlaceholders({ a: "{{lora}}" }, {})).toThrow(
      /\{\{lora\}\}.*providerOptions\.comfyui\.values\.lora/,
    );
  });

  it("builds the built-in workflow with every placeholder filled", () => {
    const values = {
      batch_size: 2,
      cfg: 6.5,
      checkpoint: "sd_xl_base_1.0.safetensors",
      height: 768,
      negative_prompt: "blurry",
      prompt: "a fox",
      sampler_name: "euler",
      scheduler: "karras",
      seed: 42,
      steps: 20,
      width: 512,
    };
    expect([...placeholdersIn(textToImageWorkflow)].sort()).toEqual(Object.keys(values));
    const filled = fillPlaceholders(textToImageWorkflow, values);
    expect(JSON.stringify(filled)).not.toContain("{{");
    expect(filled["4"].inputs.ckpt_name).toBe("sd_xl_base_1.0.safetensors");
    expect(filled["6"].inputs.text).toBe("a fox");
    expect(filled["7"].inputs.text).toBe("blurry");
    expect(filled["5"].inputs).toEqual({ width: 512, height: 768, batch_size: 2 });
    expect(filled["3"].inputs).toMatchObject({
      seed: 42,
      steps: 20,
      cfg: 6.5,
      sampler_name: "euler",
      scheduler: "karras",
      denoise: 1,
    });
  });
});

describe("comfyui with a user workflow", () => {
  it("runs a workflow object and warns about what it has no placeholder for", async () => {
    server.reset();
    const result = await run(userWorkflow, { negativePrompt: "blurry", steps: 30 });
    const body = server.requests.find((request) => request.path === "/prompt")!.body as {
      prompt: typeof userWorkflow;
    };
    expect(body.prompt["11"].inputs.text).toBe("a fox, ukiyo-e");
    expect(body.prompt["14"].inputs).toMatchObject({ seed: 9, cfg: 7, steps: 4 });
    expect(body.prompt["13"].inputs).toEqual({ width: 128, height: 192, batch_size: 1 });
    expect([result.images[0]!.width, result.images[0]!.height]).toEqual([128, 192]);
    expect(result.warnings.map((warning) => warning.setting).sort()).toEqual([
      "negativePrompt",
      "steps",
    ]);
    // No {{checkpoint}}: the workflow's own is used, and the checkpoint list is never asked for.
    expect(server.requests.some((request) => request.path.startsWith("/object_info"))).toBe(false);
  });

  it("reads a workflow file by path", async () => {
    const path = join(directory, "api-workflow.json");
    await writeFile(path, JSON.stringify(userWorkflow));
    server.reset();
    const result = await run(path);
    expect(result.images).toHaveLength(1);
    const body = server.requests.find((request) => request.path === "/prompt")!.body as {
      prompt: typeof userWorkflow;
    };
    expect(body.prompt["11"].inputs.text).toBe("a fox, ukiyo-e");
    expect(body.prompt["14"].inputs).toMatchObject({ seed: 9, cfg: 7 });
  });

  it("refuses a workflow without {{prompt}}, naming the placeholder", async () => {
    const withoutPrompt = structuredClone(userWorkflow);
    withoutPrompt["11"].inputs.text = "a fixed prompt";
    const error = await run(withoutPrompt).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/no \{\{prompt\}\} placeholder/);
  });

  it("explains a workflow saved in the UI format, a missing file, and a missing init image", async () => {
    const ui = await run({ last_node_id: 9, nodes: [], links: [] }).catch((caught) => caught);
    expect(ui.message).toMatch(/UI format.*Export \(API\)/);
    const missing = await run(join(directory, "nope.json")).catch((caught) => caught);
    expect(missing).toBeInstanceOf(InvalidInputError);
    const needsImage = {
      ...userWorkflow,
      "20": { class_type: "LoadImage", inputs: { image: "{{image}}" } },
    };
    const noImage = await run(needsImage).catch((caught) => caught);
    expect(noImage.message).toMatch(/\{\{image\}\}.*init image/);
    const init = fakeImage({ prompt: "i", width: 64, height: 64 });
    server.reset();
    const withImage = await run(needsImage, { image: init });
    expect(withImage.images).toHaveLength(1);
    const body = server.requests.find((request) => request.path === "/prompt")!.body as {
      prompt: Record<string, { inputs: { image?: string } }>;
    };
    const uploaded = body.prompt["20"]!.inputs.image!;
    expect(server.uploads.get(uploaded)?.equals(init)).toBe(true);
  });
});
