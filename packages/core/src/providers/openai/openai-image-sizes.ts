/**
 * OpenAI image models take a few fixed sizes. A requested size becomes the allowed one with the
 * closest shape (aspect ratio), then the closest area.
 */
export interface OpenAIImageFamily {
  /** Sizes the API accepts, `WxH`. Undefined = any size (an unknown OpenAI-compatible server). */
  sizes?: string[];
  maxImagesPerCall: number;
  /** GPT image models always answer base64 and refuse `response_format`. */
  alwaysBase64: boolean;
  /** Whether `images.edit` (image-to-image) takes this model. */
  canEdit: boolean;
}

export function openAIImageFamily(modelId: string): OpenAIImageFamily {
  if (modelId === "dall-e-3") {
    return {
      sizes: ["1024x1024", "1792x1024", "1024x1792"],
      maxImagesPerCall: 1,
      alwaysBase64: false,
      canEdit: false,
    };
  }
  if (modelId === "dall-e-2") {
    return {
      sizes: ["256x256", "512x512", "1024x1024"],
      maxImagesPerCall: 10,
      alwaysBase64: false,
      canEdit: true,
    };
  }
  if (/^(gpt-image|chatgpt-image)/.test(modelId)) {
    return {
      sizes: ["1024x1024", "1536x1024", "1024x1536"],
      maxImagesPerCall: 10,
      alwaysBase64: true,
      canEdit: true,
    };
  }
  return { maxImagesPerCall: 10, alwaysBase64: false, canEdit: true };
}

/** The allowed size nearest to `width x height`: same orientation and shape first, then area. */
export function nearestSize(width: number, height: number, sizes: string[]): string {
  const wanted = Math.log(width / height);
  const area = Math.log(width * height);
  let best = sizes[0]!;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const size of sizes) {
    const [w, h] = size.split("x").map(Number) as [number, number];
    // Shape matters far more than pixel count: a portrait request must stay portrait.
    const score = Math.abs(Math.log(w / h) - wanted) * 10 + Math.abs(Math.log(w * h) - area);
    if (score < bestScore) {
      best = size;
      bestScore = score;
    }
  }
  return best;
}
