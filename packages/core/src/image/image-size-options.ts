import { InvalidInputError } from "../errors.js";

export interface ImageDimensions {
  width: number;
  height: number;
}

/** Parse `"1024x768"` or `{width, height}`. */
export function parseSize(size: string | ImageDimensions): ImageDimensions {
  if (typeof size !== "string") return checkDimensions(size);
  const match = /^\s*(\d+)\s*[x×*]\s*(\d+)\s*$/i.exec(size);
  if (!match) throw new InvalidInputError(`Size "${size}" is not WIDTHxHEIGHT, e.g. 1024x768.`);
  return checkDimensions({ width: Number(match[1]), height: Number(match[2]) });
}

function checkDimensions(size: ImageDimensions): ImageDimensions {
  const ok = (value: number) => Number.isInteger(value) && value >= 64 && value <= 8192;
  if (!ok(size.width) || !ok(size.height)) {
    throw new InvalidInputError(
      `Size ${size.width}x${size.height} is out of range: each side must be 64–8192 pixels.`,
    );
  }
  return size;
}

/** Parse `"3:4"`; refuses zero, negative and absurd ratios. */
export function parseAspectRatio(ratio: string): { width: number; height: number } {
  const match = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(ratio);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || !(width > 0) || !(height > 0) || width / height > 8 || height / width > 8) {
    throw new InvalidInputError(
      `Aspect ratio "${ratio}" is not usable: write W:H with both sides above zero and at most 8:1, e.g. 3:4 or 16:9.`,
    );
  }
  return { width, height };
}

/**
 * The pixel size for a ratio at about `area` pixels, each side a multiple of 64
 * (what diffusion models want): 3:4 at 1024² → 896x1152.
 */
export function sizeForAspectRatio(ratio: string, area = 1024 * 1024): ImageDimensions {
  const { width, height } = parseAspectRatio(ratio);
  const scale = Math.sqrt(area / (width * height));
  const round = (value: number) => Math.max(64, Math.round(value / 64) * 64);
  return { width: round(width * scale), height: round(height * scale) };
}
