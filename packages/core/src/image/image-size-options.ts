import { InvalidInputError } from "../errors.js";
import type { Warning } from "../spec/index.js";

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

/** A size made from an aspect ratio; `warning` when its sides could not keep the ratio exactly. */
export interface SizeForRatio extends ImageDimensions {
  warning?: Warning;
}

/** Exact sizes up to this factor away from the requested area are taken over an inexact one. */
const areaTolerance = Math.SQRT2;

/**
 * The pixel size for a ratio at about `area` pixels, each side a multiple of `step` (8 for
 * Stable Diffusion servers, which work on 8x8 latent cells; 64 where the model does not say).
 * Exactly the ratio when the step allows it near that area (3:2 → 1248x832 at step 8,
 * 1344x896 at step 64); otherwise the nearest size, with a warning naming it.
 */
export function sizeForAspectRatio(
  ratio: string,
  options: { step?: number; area?: number } = {},
): SizeForRatio {
  const step = options.step ?? 64;
  const area = options.area ?? 1024 * 1024;
  const { width, height } = parseAspectRatio(ratio);
  const exact = exactSize(width, height, step, area);
  if (exact) return exact;
  const scale = Math.sqrt(area / (width * height));
  const round = (value: number) => Math.max(64, Math.round(value / step) * step);
  const size = { width: round(width * scale), height: round(height * scale) };
  const shape = (value: number) => value.toFixed(3).replace(/\.?0+$/, "");
  return {
    ...size,
    warning: {
      type: "other",
      setting: "aspectRatio",
      message: `${ratio.trim()} cannot be made exactly near ${(area / 1e6).toFixed(1)} megapixels with sides in steps of ${step} pixels; using the nearest size, ${size.width}x${size.height} (${shape(size.width / size.height)}:1 instead of ${shape(width / height)}:1).`,
    },
  };
}

/** The size nearest `area` whose sides are multiples of `step` in exactly `width:height`. */
function exactSize(
  width: number,
  height: number,
  step: number,
  area: number,
): ImageDimensions | undefined {
  // Whole numbers in lowest terms: 2.39:1 → 239:100, 16:9 stays.
  const decimals = Math.max(
    ...[width, height].map((side) => String(side).split(".")[1]?.length ?? 0),
  );
  const unit = 10 ** decimals;
  const [across, down] = [Math.round(width * unit), Math.round(height * unit)];
  const divisor = greatestCommonDivisor(across, down);
  const [sideA, sideB] = [(across / divisor) * step, (down / divisor) * step];
  const multiple = Math.sqrt(area / (sideA * sideB));
  let best: ImageDimensions | undefined;
  let bestDistance = Math.log(areaTolerance);
  for (const factor of [Math.floor(multiple), Math.ceil(multiple)]) {
    const size = { width: factor * sideA, height: factor * sideB };
    if (
      factor < 1 ||
      Math.min(size.width, size.height) < 64 ||
      Math.max(size.width, size.height) > 8192
    )
      continue;
    const distance = Math.abs(Math.log((size.width * size.height) / area));
    if (distance <= bestDistance) {
      best = size;
      bestDistance = distance;
    }
  }
  return best;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
