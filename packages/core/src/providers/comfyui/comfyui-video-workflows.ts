/**
 * The built-in video workflows, in ComfyUI's API format with `{{placeholders}}`: the nodes of
 * ComfyUI's official Wan 2.2 5B (TI2V) template. UNET, umT5 text encoder and Wan 2.2 VAE →
 * `Wan22ImageToVideoLatent` (an optional first frame) → KSampler → VAE decode → CreateVideo →
 * SaveVideo (an MP4 under output/video/).
 */
import type { ApiWorkflow } from "./comfyui-workflow.js";

/** The model files the template loads; a user with other files passes them as values. */
export const wanFileDefaults = {
  unet_name: "wan2.2_ti2v_5B_fp16.safetensors",
  clip_name: "umt5_xxl_fp8_e4m3fn_scaled.safetensors",
  vae_name: "wan2.2_vae.safetensors",
};

/** Wan's own default negative prompt (from the Wan 2.2 repository's configs). */
export const wanNegativePrompt =
  "色调艳丽，过曝，静态，细节模糊不清，字幕，风格，作品，画作，画面，静止，整体发灰，最差质量，低质量，JPEG压缩残留，丑陋的，残缺的，多余的手指，画得不好的手部，画得不好的脸部，畸形的，毁容的，形态畸形的肢体，手指融合，静止不动的画面，杂乱的背景，三条腿，背景人很多，倒着走";

function wanWorkflow(withImage: boolean): ApiWorkflow {
  const latentInputs: Record<string, unknown> = {
    vae: ["3", 0],
    width: "{{width}}",
    height: "{{height}}",
    length: "{{frames}}",
    batch_size: 1,
  };
  if (withImage) latentInputs.start_image = ["10", 0];
  const workflow: ApiWorkflow = {
    "1": {
      class_type: "UNETLoader",
      inputs: { unet_name: "{{unet_name}}", weight_dtype: "default" },
    },
    "2": {
      class_type: "CLIPLoader",
      inputs: { clip_name: "{{clip_name}}", type: "wan", device: "default" },
    },
    "3": { class_type: "VAELoader", inputs: { vae_name: "{{vae_name}}" } },
    "4": { class_type: "ModelSamplingSD3", inputs: { shift: 8, model: ["1", 0] } },
    "5": { class_type: "CLIPTextEncode", inputs: { text: "{{prompt}}", clip: ["2", 0] } },
    "6": { class_type: "CLIPTextEncode", inputs: { text: "{{negative_prompt}}", clip: ["2", 0] } },
    "7": { class_type: "Wan22ImageToVideoLatent", inputs: latentInputs },
    "8": {
      class_type: "KSampler",
      inputs: {
        seed: "{{seed}}",
        steps: "{{steps}}",
        cfg: "{{cfg}}",
        sampler_name: "{{sampler_name}}",
        scheduler: "{{scheduler}}",
        denoise: 1,
        model: ["4", 0],
        positive: ["5", 0],
        negative: ["6", 0],
        latent_image: ["7", 0],
      },
    },
    "9": { class_type: "VAEDecode", inputs: { samples: ["8", 0], vae: ["3", 0] } },
    "11": { class_type: "CreateVideo", inputs: { images: ["9", 0], fps: "{{fps}}" } },
    "12": {
      class_type: "SaveVideo",
      inputs: {
        video: ["11", 0],
        filename_prefix: "video/genai-path",
        format: "auto",
        codec: "auto",
      },
    },
  };
  if (withImage) workflow["10"] = { class_type: "LoadImage", inputs: { image: "{{image}}" } };
  return workflow;
}

/** `comfyui:wan2.2-t2v` and `comfyui:wan2.2-i2v`. */
export const builtinVideoWorkflows: Record<string, ApiWorkflow> = {
  "wan2.2-t2v": wanWorkflow(false),
  "wan2.2-i2v": wanWorkflow(true),
};
