import { imageSize } from "../../media/image-size.js";
import type { ImageCallOptions, Warning } from "../../spec/index.js";

/** The JSON body for `/sdapi/v1/txt2img` or `/sdapi/v1/img2img`, and what it could not honour. */
export function a1111RequestBody(
  options: ImageCallOptions,
  checkpointTitle: string | undefined,
): { path: string; body: Record<string, unknown>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const { image } = options;
  const size = options.size ?? (image ? imageSize(image.data) : undefined);
  const body: Record<string, unknown> = {
    prompt: options.prompt,
    negative_prompt: options.negativePrompt ?? "",
    seed: options.seed ?? -1,
    batch_size: options.n,
    n_iter: 1,
    steps: options.steps,
    cfg_scale: options.guidance,
    send_images: true,
    save_images: false,
  };
  if (size) {
    // Stable Diffusion works on 8×8 latent cells; WebUI drops the remainder.
    const width = Math.max(64, Math.floor(size.width / 8) * 8);
    const height = Math.max(64, Math.floor(size.height / 8) * 8);
    if (width !== size.width || height !== size.height) {
      warnings.push({
        type: "other",
        setting: "size",
        message: `Stable Diffusion needs sides divisible by 8: ${size.width}x${size.height} became ${width}x${height}.`,
      });
    }
    Object.assign(body, { width, height });
  }
  if (image) {
    // WebUI takes bare base64; a data: prefix is allowed but not needed.
    body.init_images = [Buffer.from(image.data).toString("base64")];
    body.denoising_strength = options.strength ?? 0.75;
  } else if (options.strength !== undefined) {
    warnings.push({
      type: "unsupported-setting",
      setting: "strength",
      message: "strength applies only with an init image; it was ignored.",
    });
  }
  const vendor = { ...options.providerOptions?.a1111 };
  const overrides = {
    ...(checkpointTitle ? { sd_model_checkpoint: checkpointTitle } : {}),
    ...(vendor.override_settings as Record<string, unknown> | undefined),
  };
  delete vendor.override_settings;
  Object.assign(body, vendor);
  if (Object.keys(overrides).length) body.override_settings = overrides;
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return { path: image ? "/sdapi/v1/img2img" : "/sdapi/v1/txt2img", body, warnings };
}
