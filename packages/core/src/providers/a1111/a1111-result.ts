import { InvalidResponseError } from "../../errors.js";
import type { ImageGenerateResult, MediaData } from "../../spec/index.js";

/** The reply of `/sdapi/v1/txt2img` and `/sdapi/v1/img2img`. */
export interface A1111Response {
  images?: unknown;
  /** A JSON *string* (WebUI's `Processed.js()`), not an object. */
  info?: unknown;
}

interface A1111Info {
  seed?: number;
  sampler_name?: string;
  scheduler?: string;
  sd_model_name?: string;
  sd_model_hash?: string;
  steps?: number;
  cfg_scale?: number;
  denoising_strength?: number;
  width?: number;
  height?: number;
  /** With a batch, a grid picture may come first; the real ones start here. */
  index_of_first_image?: number;
}

/** Decodes the bare-base64 images and the info string into the spec's result. */
export function a1111Result(
  reply: A1111Response,
  wanted: number,
): Omit<ImageGenerateResult, "warnings"> {
  if (!Array.isArray(reply.images) || reply.images.some((image) => typeof image !== "string")) {
    throw new InvalidResponseError("a1111", "the reply has no `images` list of base64 strings");
  }
  const info = parseInfo(reply.info);
  const first = info.index_of_first_image ?? 0;
  // Scripts such as ControlNet append their own pictures (detect maps) after the batch.
  const encoded = (reply.images as string[]).slice(first, first + wanted);
  if (encoded.length === 0) throw new InvalidResponseError("a1111", "the reply holds no images");
  const images: MediaData[] = encoded.map((text) => ({
    data: new Uint8Array(Buffer.from(text.replace(/^data:[^,]*,/, ""), "base64")),
  }));
  const parameters: Record<string, string | number> = {};
  const keep = {
    sampler: info.sampler_name,
    scheduler: info.scheduler,
    checkpoint: info.sd_model_name,
    checkpointHash: info.sd_model_hash,
    steps: info.steps,
    cfgScale: info.cfg_scale,
    denoisingStrength: info.denoising_strength,
  };
  for (const [key, value] of Object.entries(keep)) {
    if (typeof value === "string" || typeof value === "number") parameters[key] = value;
  }
  return {
    images,
    response: {
      seed: typeof info.seed === "number" ? info.seed : undefined,
      modelId: info.sd_model_name,
      parameters,
    },
  };
}

function parseInfo(info: unknown): A1111Info {
  if (info && typeof info === "object") return info as A1111Info;
  if (typeof info !== "string" || info === "") return {};
  try {
    const parsed: unknown = JSON.parse(info);
    return parsed && typeof parsed === "object" ? (parsed as A1111Info) : {};
  } catch (error) {
    throw new InvalidResponseError("a1111", "the `info` string is not JSON", error);
  }
}
