/**
 * A structured Stable Diffusion prompt: quality tags, subject, style, lighting, camera and
 * extra tags, in the order SD models weigh most (earlier words count more), with `(word:1.2)`
 * emphasis as WebUI and ComfyUI read it.
 */
import { UsageError } from "@path/kit-cli";
import {
  cameraPresets,
  expand,
  lightingPresets,
  negativePresets,
  qualityPresets,
  stylePresets,
} from "./presets.js";

export interface PromptParts {
  subject: string;
  style?: string;
  lighting?: string;
  camera?: string;
  /** `high` (default), `standard`, `none`, or your own tags. */
  quality?: string;
  extra?: string;
  /** `word:1.2` or `word` (1.1, like WebUI's `(word)`). */
  weights?: string[];
  /** A preset (`default`, `anime`, `photo`, `none`) or your own words. Default `default`. */
  negative?: string;
}

export function buildPrompt(parts: PromptParts): { prompt: string; negativePrompt: string } {
  const pieces = [
    expand(qualityPresets, parts.quality ?? "high"),
    parts.subject.trim(),
    expand(stylePresets, parts.style),
    expand(lightingPresets, parts.lighting),
    expand(cameraPresets, parts.camera),
    parts.extra?.trim() ?? "",
  ].filter(Boolean);
  let prompt = pieces.join(", ");
  for (const weight of parts.weights ?? []) prompt = applyWeight(prompt, weight);
  return { prompt, negativePrompt: expand(negativePresets, parts.negative ?? "default") };
}

/** Wrap the first whole-word match of `word` as `(word:1.2)`, or add it at the end. */
export function applyWeight(prompt: string, spec: string): string {
  const match = /^(.+?)(?::(\d+(?:\.\d+)?))?$/.exec(spec.trim());
  const word = match?.[1]?.trim();
  const weight = match?.[2] === undefined ? 1.1 : Number(match[2]);
  if (!word || !(weight > 0 && weight <= 2)) {
    throw new UsageError(
      `--weight takes word:number with the number from 0.1 to 2, like dragon:1.3, not "${spec}"`,
    );
  }
  const emphasised = `(${word}:${weight})`;
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Latin words must match whole (no "cat" in "catalog"); Chinese has no spaces, so a
  // Chinese word may sit inside a longer phrase (龙 in 中国龙). Never inside an existing (x:1.2).
  const latin = /[a-z0-9]/i;
  const before = latin.test(word[0]!) ? "(?<![\\p{L}\\p{N}(])" : "(?<!\\()";
  const after = latin.test(word.at(-1)!) ? "(?![\\p{L}\\p{N}:])" : "(?!:)";
  const pattern = new RegExp(`${before}${escaped}${after}`, "iu");
  return pattern.test(prompt) ? prompt.replace(pattern, emphasised) : `${prompt}, ${emphasised}`;
}
