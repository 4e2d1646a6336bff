import type { Warning } from "../spec/index.js";

/**
 * Stable Diffusion works on 8×8 latent cells, so WebUI and ComfyUI take sides divisible by 8.
 * Rounds down (what the servers themselves do) and says so when the size changed.
 */
export function latentSize(size: { width: number; height: number }): {
  width: number;
  height: number;
  warning?: Warning;
} {
  const width = Math.max(64, Math.floor(size.width / 8) * 8);
  const height = Math.max(64, Math.floor(size.height / 8) * 8);
  if (width === size.width && height === size.height) return { width, height };
  return {
    width,
    height,
    warning: {
      type: "other",
      setting: "size",
      message: `Stable Diffusion needs sides divisible by 8: ${size.width}x${size.height} became ${width}x${height}.`,
    },
  };
}
