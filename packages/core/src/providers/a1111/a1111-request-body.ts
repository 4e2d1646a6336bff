import { imageSize } from "../../media/image-size.js";
import type { ImageCallOptions, Warning } from "../../spec/index.js";
import { latentSize } from "../latent-size.js";

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
    const { width, height, warning } = latentSize(size);
    if (warning) warnings.push(warning);
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
