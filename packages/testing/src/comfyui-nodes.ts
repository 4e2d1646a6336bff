/**
 * The few ComfyUI node classes the fake knows, described the way `/object_info` does: each
 * input is `[type, options]`, or `[[choices…], options]` for a combo.
 */
export type ComfyInputSpec = [unknown, Record<string, unknown>?];

export interface ComfyNodeClass {
  required: Record<string, ComfyInputSpec>;
  output: string[];
  outputNode?: boolean;
  category: string;
}

const samplers = ["euler", "euler_ancestral", "dpmpp_2m", "dpmpp_2m_sde", "ddim", "uni_pc"];
const schedulers = ["normal", "karras", "exponential", "simple", "sgm_uniform"];
const int = (min: number, max: number, step = 1): ComfyInputSpec => ["INT", { min, max, step }];
const float = (min: number, max: number): ComfyInputSpec => ["FLOAT", { min, max }];

export function comfyNodeClasses(
  checkpoints: string[],
  inputFiles: () => string[],
): Record<string, ComfyNodeClass> {
  return {
    CheckpointLoaderSimple: {
      required: { ckpt_name: [checkpoints, {}] },
      output: ["MODEL", "CLIP", "VAE"],
      category: "loaders",
    },
    CLIPTextEncode: {
      required: { text: ["STRING", { multiline: true }], clip: ["CLIP"] },
      output: ["CONDITIONING"],
      category: "conditioning",
    },
    EmptyLatentImage: {
      required: { width: int(16, 16384, 8), height: int(16, 16384, 8), batch_size: int(1, 4096) },
      output: ["LATENT"],
      category: "latent",
    },
    KSampler: {
      required: {
        model: ["MODEL"],
        seed: int(0, 2 ** 64 - 1),
        steps: int(1, 10000),
        cfg: float(0, 100),
        sampler_name: [samplers, {}],
        scheduler: [schedulers, {}],
        positive: ["CONDITIONING"],
        negative: ["CONDITIONING"],
        latent_image: ["LATENT"],
        denoise: float(0, 1),
      },
      output: ["LATENT"],
      category: "sampling",
    },
    VAEDecode: {
      required: { samples: ["LATENT"], vae: ["VAE"] },
      output: ["IMAGE"],
      category: "latent",
    },
    VAEEncode: {
      required: { pixels: ["IMAGE"], vae: ["VAE"] },
      output: ["LATENT"],
      category: "latent",
    },
    LoadImage: {
      get required(): Record<string, ComfyInputSpec> {
        return { image: [inputFiles(), { image_upload: true }] };
      },
      output: ["IMAGE", "MASK"],
      category: "image",
    },
    ImageScale: {
      required: {
        image: ["IMAGE"],
        upscale_method: [["nearest-exact", "bilinear", "area", "bicubic", "lanczos"], {}],
        width: int(0, 16384),
        height: int(0, 16384),
        crop: [["disabled", "center"], {}],
      },
      output: ["IMAGE"],
      category: "image/upscaling",
    },
    SaveImage: {
      required: { images: ["IMAGE"], filename_prefix: ["STRING", { default: "ComfyUI" }] },
      output: [],
      outputNode: true,
      category: "image",
    },
    PreviewImage: {
      required: { images: ["IMAGE"] },
      output: [],
      outputNode: true,
      category: "image",
    },
  };
}

/** One class as `/object_info/{class}` shows it. */
export function objectInfoEntry(name: string, node: ComfyNodeClass, comboStyle: "list" | "COMBO") {
  const required = Object.fromEntries(
    Object.entries(node.required).map(([key, [type, options = {}]]) => [
      key,
      Array.isArray(type) && comboStyle === "COMBO"
        ? ["COMBO", { ...options, options: type }]
        : [type, options],
    ]),
  );
  return {
    input: { required },
    input_order: { required: Object.keys(required) },
    output: node.output,
    output_is_list: node.output.map(() => false),
    output_name: node.output,
    name,
    display_name: name,
    description: "",
    python_module: "nodes",
    category: node.category,
    output_node: node.outputNode ?? false,
  };
}
