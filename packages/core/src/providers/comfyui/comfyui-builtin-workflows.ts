/**
 * The workflows used when the caller brings none, in ComfyUI's API format (node id → class and
 * inputs; `["4", 1]` links to output 1 of node 4), written with the same `{{placeholders}}` a
 * user workflow takes. Checkpoint → CLIP text encoders → KSampler → VAE decode → SaveImage.
 */
const common = {
  "4": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "{{checkpoint}}" } },
  "6": { class_type: "CLIPTextEncode", inputs: { text: "{{prompt}}", clip: ["4", 1] } },
  "7": { class_type: "CLIPTextEncode", inputs: { text: "{{negative_prompt}}", clip: ["4", 1] } },
  "8": { class_type: "VAEDecode", inputs: { samples: ["3", 0], vae: ["4", 2] } },
  "9": { class_type: "SaveImage", inputs: { filename_prefix: "genai-path", images: ["8", 0] } },
};

function sampler(latent: [string, number], denoise: number | string) {
  return {
    class_type: "KSampler",
    inputs: {
      seed: "{{seed}}",
      steps: "{{steps}}",
      cfg: "{{cfg}}",
      sampler_name: "{{sampler_name}}",
      scheduler: "{{scheduler}}",
      denoise,
      model: ["4", 0],
      positive: ["6", 0],
      negative: ["7", 0],
      latent_image: latent,
    },
  };
}

export const textToImageWorkflow = {
  "3": sampler(["5", 0], 1),
  ...common,
  "5": {
    class_type: "EmptyLatentImage",
    inputs: { width: "{{width}}", height: "{{height}}", batch_size: "{{batch_size}}" },
  },
};

/** The init image is uploaded, scaled to the requested size, encoded, then partly re-noised. */
export const imageToImageWorkflow = {
  "3": sampler(["11", 0], "{{denoise}}"),
  ...common,
  "10": { class_type: "LoadImage", inputs: { image: "{{image}}" } },
  "12": {
    class_type: "ImageScale",
    inputs: {
      upscale_method: "lanczos",
      width: "{{width}}",
      height: "{{height}}",
      crop: "disabled",
      image: ["10", 0],
    },
  },
  "11": { class_type: "VAEEncode", inputs: { pixels: ["12", 0], vae: ["4", 2] } },
};
