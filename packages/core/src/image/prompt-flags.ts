/**
 * Midjourney-style flags written at the end of an image prompt:
 *
 *   "a red lantern, spring festival --ar 3:4 --seed 42 --no text, watermark --stylize 250"
 *
 * `parsePromptFlags` takes them out of the text; `generateImage` applies them (explicit options
 * win) and turns the ones a provider cannot honour into warnings. Em and en dashes count as `--`
 * (phones and word processors turn `--` into `—`), and a full-width colon works in ratios.
 */
import { InvalidInputError } from "../errors.js";
import { parseAspectRatio, parseSize } from "./image-size-options.js";

export interface PromptFlags {
  /** The prompt with every flag taken out. */
  prompt: string;
  /** `--ar` / `--aspect`, e.g. `"3:4"`. */
  aspectRatio?: string;
  /** `--size 1024x768` (not Midjourney's, but handy). */
  size?: string;
  /** `--seed`. */
  seed?: number;
  /** `--no a, b` (several `--no` are joined with commas). */
  negativePrompt?: string;
  /** `--n` (also Midjourney's `--repeat`/`--r` is *not* this: it is ignored). */
  n?: number;
  /** `--steps`. */
  steps?: number;
  /** `--cfg` / `--guidance`. */
  guidance?: number;
  /** `--stylize` / `--s`, Midjourney's 0–1000 (default 100). */
  stylize?: number;
  /** `--quality` / `--q`: Midjourney's number (.25, .5, 1, 2) or a word (low, high, hd, …). */
  quality?: string;
  /** `--style raw` (or `--raw`), `--style vivid`, … */
  style?: string;
  /** Each flag as written, by the name it was read as: `{ seed: "--seed 42" }`. */
  written: Partial<Record<PromptFlagName, string>>;
  /** Flags with no equivalent here (Midjourney's `--chaos`, typos), as written. Never silently dropped. */
  ignored: { flag: string; midjourneyOnly: boolean }[];
}

export type PromptFlagName =
  | "aspectRatio"
  | "size"
  | "seed"
  | "negativePrompt"
  | "n"
  | "steps"
  | "guidance"
  | "stylize"
  | "quality"
  | "style";

const names: Record<string, PromptFlagName> = {
  ar: "aspectRatio",
  aspect: "aspectRatio",
  size: "size",
  seed: "seed",
  sameseed: "seed",
  no: "negativePrompt",
  n: "n",
  steps: "steps",
  cfg: "guidance",
  guidance: "guidance",
  stylize: "stylize",
  s: "stylize",
  quality: "quality",
  q: "quality",
  style: "style",
  raw: "style",
};

/** Midjourney flags with no equivalent outside Midjourney; those before `:` take a value. */
const midjourneyWithValue = new Set(
  "chaos c weird w version v niji repeat r stop iw sref cref sw cw oref ow exp p profile bs end motion".split(
    " ",
  ),
);
const midjourneyAlone = new Set(
  "tile fast relax turbo draft video loop hd test testp creative uplight upbeta upanime public stealth personalize".split(
    " ",
  ),
);

const flagStart = /(^|\s)(?:--|——|—|–)([A-Za-z][\w-]*)/g;

/** True when the text holds at least one `--flag`. */
export function hasPromptFlags(text: string): boolean {
  flagStart.lastIndex = 0;
  return flagStart.test(text);
}

/** Take Midjourney-style flags out of a prompt. Bad values throw InvalidInputError. */
export function parsePromptFlags(text: string): PromptFlags {
  const found = [...text.matchAll(flagStart)];
  const result: PromptFlags = { prompt: text.trim(), written: {}, ignored: [] };
  if (found.length === 0) return result;
  const kept: string[] = [text.slice(0, found[0]!.index! + found[0]![1]!.length)];
  const negatives: string[] = [];
  for (const [index, match] of found.entries()) {
    const raw = match[2]!;
    const key = raw.toLowerCase();
    const end = found[index + 1]?.index ?? text.length;
    const segment = text.slice(match.index! + match[0].length, end).trim();
    const name = names[key];
    if (name === "negativePrompt") {
      if (segment) negatives.push(segment.replace(/[,，\s]+$/, ""));
      result.written.negativePrompt = [result.written.negativePrompt, `--${raw} ${segment}`]
        .filter(Boolean)
        .join(" ");
      continue;
    }
    const takesValue = name !== undefined ? key !== "raw" : !midjourneyAlone.has(key);
    const [first = "", ...rest] = takesValue ? segment.split(/\s+/) : ["", ...segment.split(/\s+/)];
    // An unknown flag only takes a value that looks like one (a number, a ratio, a URL).
    const unknown =
      name === undefined && !midjourneyWithValue.has(key) && !midjourneyAlone.has(key);
    const value = unknown && !/^[\d.:/x-]+$|^https?:/i.test(first) ? "" : first;
    const leftover = unknown && value === "" ? [first, ...rest] : rest;
    kept.push(leftover.filter(Boolean).join(" "));
    const writtenFlag = `--${raw}${value ? ` ${value}` : ""}`;
    if (name === undefined) {
      result.ignored.push({ flag: writtenFlag, midjourneyOnly: !unknown });
      continue;
    }
    result.written[name] = writtenFlag;
    applyValue(result, name, key === "raw" ? "raw" : value, writtenFlag);
  }
  if (negatives.length > 0) result.negativePrompt = negatives.join(", ");
  result.prompt = kept
    .join(" ")
    .replace(/\s+/g, " ")
    .replace(/[\s,，]+$/, "")
    .trim();
  return result;
}

function applyValue(result: PromptFlags, name: PromptFlagName, value: string, written: string) {
  if (value === "") {
    throw new InvalidInputError(`${written} needs a value, e.g. ${examples[name]}.`);
  }
  switch (name) {
    case "aspectRatio": {
      const ratio = value.replace("：", ":");
      parseAspectRatio(ratio);
      result.aspectRatio = ratio;
      return;
    }
    case "size":
      parseSize(value);
      result.size = value;
      return;
    case "seed":
      result.seed = wholeNumber(value, written, 0, 4_294_967_295);
      return;
    case "n":
      result.n = wholeNumber(value, written, 1, 64);
      return;
    case "steps":
      result.steps = wholeNumber(value, written, 1, 1000);
      return;
    case "guidance":
      result.guidance = decimal(value, written, 0, 100);
      return;
    case "stylize":
      result.stylize = decimal(value, written, 0, 1000);
      return;
    case "quality":
      result.quality = value.toLowerCase();
      return;
    case "style":
      result.style = value.toLowerCase();
      return;
    default:
      return;
  }
}

const examples: Record<PromptFlagName, string> = {
  aspectRatio: "--ar 3:4",
  size: "--size 1024x768",
  seed: "--seed 42",
  negativePrompt: "--no text, watermark",
  n: "--n 4",
  steps: "--steps 25",
  guidance: "--cfg 7",
  stylize: "--stylize 250",
  quality: "--quality high",
  style: "--style raw",
};

function wholeNumber(value: string, written: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new InvalidInputError(
      `${written.split(" ")[0]} takes a whole number from ${min} to ${max}, not "${value}".`,
    );
  }
  return number;
}

function decimal(value: string, written: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw new InvalidInputError(
      `${written.split(" ")[0]} takes a number from ${min} to ${max}, not "${value}".`,
    );
  }
  return number;
}

/**
 * Midjourney's `--stylize` (0–1000, default 100: higher = more artistic, less literal) as a
 * guidance (CFG) scale, where higher means more literal: 100 → 7, 1000 → 5, 10 → 9, 0 → 11.
 */
export function stylizeToGuidance(stylize: number): number {
  const guidance = 7 - 2 * Math.log10(Math.max(stylize, 1) / 100);
  return Math.round(Math.min(11, Math.max(3, guidance)) * 10) / 10;
}
