/**
 * Words that Stable Diffusion models (SD 1.5, SDXL and their fine-tunes on Civitai) respond to.
 * A preset is a starting point: every option also takes your own words instead of a name.
 */

export const stylePresets: Record<string, string> = {
  anime: "anime style, cel shading, vibrant colors, clean line art",
  photo: "photorealistic, 35mm photograph, film grain, natural skin texture, sharp focus",
  watercolor: "watercolor painting, soft washes, paper texture, bleeding edges",
  ink: "traditional chinese ink wash painting, shuimo, rice paper, expressive brush strokes",
  guofeng: "guofeng, chinese traditional style, ornate details, red and gold palette",
  oil: "oil painting, thick impasto brush strokes, canvas texture",
  pixel: "pixel art, 16-bit, limited palette, crisp pixels",
  "3d": "3d render, octane render, subsurface scattering, soft global illumination",
  cyberpunk: "cyberpunk, neon lights, rain-soaked streets, high contrast",
  flat: "flat illustration, vector art, simple shapes, bold colors",
};

export const lightingPresets: Record<string, string> = {
  "golden-hour": "golden hour lighting, warm sunlight, long shadows",
  studio: "studio lighting, softbox, clean background",
  neon: "neon lighting, colorful rim light",
  soft: "soft diffused lighting, overcast",
  dramatic: "dramatic lighting, chiaroscuro, deep shadows",
  backlit: "backlit, glowing rim light, lens flare",
  moonlight: "moonlight, cool blue tones, night",
};

export const cameraPresets: Record<string, string> = {
  "close-up": "close-up shot",
  portrait: "portrait shot, 85mm lens, shallow depth of field, bokeh",
  wide: "wide shot, establishing shot",
  aerial: "aerial view, drone shot",
  macro: "macro photography, extreme detail",
  "low-angle": "low angle shot, looking up",
  "35mm": "35mm lens",
};

export const qualityPresets: Record<string, string> = {
  high: "masterpiece, best quality, highly detailed",
  standard: "high quality, detailed",
  none: "",
};

const baseNegative =
  "lowres, worst quality, low quality, blurry, jpeg artifacts, watermark, signature, text, username, cropped, out of frame";

export const negativePresets: Record<string, string> = {
  default: baseNegative,
  anime: `${baseNegative}, bad anatomy, bad hands, extra fingers, missing fingers, extra limbs, 3d, realistic`,
  photo: `${baseNegative}, cartoon, anime, illustration, painting, 3d render, plastic skin, deformed, disfigured, extra limbs`,
  none: "",
};

/** The preset's words, or the value itself when it names no preset. */
export function expand(presets: Record<string, string>, value: string | undefined): string {
  if (value === undefined) return "";
  return presets[value.toLowerCase()] ?? value.trim();
}
