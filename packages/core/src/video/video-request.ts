/**
 * A video request checked against what the model offers, before anything is paid for: the
 * inputs it takes, the lengths, ratios and sizes it makes, the input image's limits. What can
 * be met by a near value is, with a warning; what cannot is refused with the allowed values.
 */
import { InvalidInputError, MediaError } from "../errors.js";
import { parseAspectRatio, parseSize } from "../image/image-size-options.js";
import { imageSize } from "../media/image-size.js";
import { sniffMediaType } from "../media/sniff.js";
import type {
  CallSettings,
  VideoLimits,
  VideoModel,
  VideoStartOptions,
  Warning,
} from "../spec/index.js";

export interface VideoRequestInput {
  prompt?: string;
  /** The first frame: bytes (read a file with `readFile` first). */
  image?: Uint8Array;
  seconds?: number;
  /** `"16:9"`. */
  aspectRatio?: string;
  /** `"1280x720"`. */
  size?: string;
}

/** What `doStart` gets besides the request key and the call settings. */
export type CheckedVideoRequest = Omit<VideoStartOptions, "requestKey" | keyof CallSettings>;

export function checkVideoRequest(
  model: VideoModel,
  input: VideoRequestInput & { seed?: number },
): { request: CheckedVideoRequest; warnings: Warning[] } {
  const name = `${model.provider}:${model.modelId}`;
  const { limits } = model;
  const warnings: Warning[] = [];
  const prompt = (input.prompt ?? "").trim();
  if (input.image && !limits.inputs.includes("image")) {
    throw new InvalidInputError(
      `${name} makes video from text only and takes no picture; leave the image out or pick an image-to-video model.`,
    );
  }
  if (!input.image && !limits.inputs.includes("text")) {
    throw new InvalidInputError(
      `${name} animates a picture (image-to-video): give it an image to start from.`,
    );
  }
  if (!prompt && !input.image) {
    throw new InvalidInputError(
      'The video prompt is empty: describe the scene, e.g. "a paper boat drifting down a rainy street".',
    );
  }
  const image = input.image && checkImage(input.image, limits, name);
  const durationSeconds = checkSeconds(input.seconds, limits, name, warnings);
  let aspectRatio = input.aspectRatio && checkRatio(input.aspectRatio, limits, name, warnings);
  let size: { width: number; height: number } | undefined;
  if (input.size) {
    size = parseSize(input.size);
    if (limits.sizes && !limits.sizes.includes(`${size.width}x${size.height}`)) {
      throw new InvalidInputError(
        `${name} does not make ${input.size}; it makes ${limits.sizes.join(", ")}.`,
      );
    }
    if (!limits.sizes && limits.aspectRatios) {
      const ratio = checkRatio(`${size.width}:${size.height}`, limits, name, warnings);
      warnings.push({
        type: "unsupported-setting",
        setting: "size",
        message: `${name} takes a ratio, not an exact size: ${input.size} was sent as ${ratio}.`,
      });
      aspectRatio ??= ratio;
      size = undefined;
    }
  }
  return {
    request: { prompt, image, durationSeconds, aspectRatio, size, seed: input.seed },
    warnings,
  };
}

function checkSeconds(
  seconds: number | undefined,
  limits: VideoLimits,
  name: string,
  warnings: Warning[],
): number | undefined {
  if (seconds === undefined) return undefined;
  if (!(seconds > 0 && Number.isFinite(seconds))) {
    throw new InvalidInputError(`seconds must be a number above 0, not ${seconds}.`);
  }
  const offered = limits.durations;
  if (!offered?.length || offered.includes(seconds)) return seconds;
  const longest = Math.max(...offered);
  if (seconds > longest) {
    throw new InvalidInputError(
      `${name} makes at most ${longest} s in one clip; it offers ${listed(offered)} s.`,
    );
  }
  const nearest = offered.reduce((best, value) =>
    Math.abs(value - seconds) < Math.abs(best - seconds) ? value : best,
  );
  warnings.push({
    type: "unsupported-setting",
    setting: "seconds",
    message: `${name} makes ${listed(offered)} s clips: ${nearest} s was asked for instead of ${seconds} s.`,
  });
  return nearest;
}

/** Lengths in order for messages (a model lists its default first). */
function listed(durations: readonly number[]): string {
  return [...durations].sort((a, b) => a - b).join(", ");
}

function ratioValue(text: string): number {
  const { width, height } = parseAspectRatio(text);
  return width / height;
}

/** Ratios within this fraction of an offered one are taken as it, with a warning. */
const ratioTolerance = 0.06;

function checkRatio(text: string, limits: VideoLimits, name: string, warnings: Warning[]): string {
  const value = ratioValue(text);
  const offered = limits.aspectRatios;
  if (!offered?.length) return text.trim();
  const exact = offered.find((ratio) => Math.abs(ratioValue(ratio) - value) < 1e-3);
  if (exact) return exact;
  const nearest = offered.reduce((best, ratio) =>
    Math.abs(ratioValue(ratio) - value) < Math.abs(ratioValue(best) - value) ? ratio : best,
  );
  if (Math.abs(ratioValue(nearest) - value) / value > ratioTolerance) {
    throw new InvalidInputError(`${name} does not make ${text}; it offers ${offered.join(", ")}.`);
  }
  warnings.push({
    type: "unsupported-setting",
    setting: "aspectRatio",
    message: `${name} offers ${offered.join(", ")}: ${nearest} was asked for instead of ${text}.`,
  });
  return nearest;
}

function checkImage(bytes: Uint8Array, limits: VideoLimits, name: string) {
  const mediaType = sniffMediaType(bytes);
  const size = mediaType?.startsWith("image/") ? imageSize(bytes) : undefined;
  if (!mediaType?.startsWith("image/") || !size) {
    throw new MediaError(
      `The image to animate is not a PNG, JPEG, WebP or GIF picture (${bytes.length} bytes).`,
    );
  }
  const { width, height } = size;
  const rules = limits.image ?? {};
  const shortSide = Math.min(width, height);
  const longSide = Math.max(width, height);
  const refuse = (what: string) =>
    new InvalidInputError(
      `The image is ${width}x${height} (${kb(bytes.length)}): ${what} for ${name}.`,
    );
  if (rules.minSide !== undefined && shortSide < rules.minSide) {
    throw refuse(`its short side must be at least ${rules.minSide} px; upscale it first`);
  }
  if (rules.maxSide !== undefined && longSide > rules.maxSide) {
    throw refuse(`its long side must be at most ${rules.maxSide} px; resize it first`);
  }
  if (rules.maxBytes !== undefined && bytes.length > rules.maxBytes) {
    throw refuse(`the file must be at most ${kb(rules.maxBytes)}; save it smaller (JPEG)`);
  }
  const aspect = width / height;
  if (
    (rules.minAspect !== undefined && aspect < rules.minAspect - 1e-9) ||
    (rules.maxAspect !== undefined && aspect > rules.maxAspect + 1e-9)
  ) {
    throw refuse(
      `its width/height must be between ${fraction(rules.minAspect)} and ${fraction(rules.maxAspect)}; crop it`,
    );
  }
  return { data: bytes, mediaType, width, height };
}

function kb(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

function fraction(value: number | undefined): string {
  return value === undefined ? "any" : String(Math.round(value * 100) / 100);
}
