/**
 * The AUTOMATIC1111 WebUI `parameters` text ("infotext"), as stored in a PNG's `parameters`
 * chunk and shown in its "PNG Info" tab:
 *
 *   a red lantern, spring festival
 *   Negative prompt: text, watermark
 *   Steps: 25, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x768, Model: sd_xl_base_1.0
 *
 * Same field order and quoting as WebUI's `create_infotext` (modules/processing.py) and the same
 * reading rules as its `parse_generation_parameters` (modules/infotext_utils.py), so a picture
 * saved here can be dropped into WebUI (or Civitai) and made again.
 */

import type { GenerateImageResult } from "./generate-image.js";

export interface WebuiParameters {
  prompt: string;
  negativePrompt?: string;
  steps?: number;
  sampler?: string;
  cfgScale?: number;
  seed?: number;
  width?: number;
  height?: number;
  modelHash?: string;
  model?: string;
  /** img2img only. */
  denoisingStrength?: number;
  /** Further `Key: value` fields, written after the standard ones in this order. */
  extra?: Record<string, string | number | undefined>;
}

/** WebUI quotes a value that holds a comma, a colon or a newline (as JSON). */
function quote(value: string | number): string {
  const text = String(value);
  return /[,:\n]/.test(text) ? JSON.stringify(text) : text;
}

/** Format the text WebUI writes into a PNG's `parameters` chunk. */
export function formatWebuiParameters(parameters: WebuiParameters): string {
  const fields: [string, string | number | undefined][] = [
    ["Steps", parameters.steps],
    ["Sampler", parameters.sampler],
    ["CFG scale", parameters.cfgScale],
    ["Seed", parameters.seed],
    [
      "Size",
      parameters.width && parameters.height
        ? `${parameters.width}x${parameters.height}`
        : undefined,
    ],
    ["Model hash", parameters.modelHash],
    ["Model", parameters.model],
    ["Denoising strength", parameters.denoisingStrength],
    ...Object.entries(parameters.extra ?? {}),
  ];
  const line = fields
    .filter(
      (field): field is [string, string | number] => field[1] !== undefined && field[1] !== "",
    )
    .map(([key, value]) => (key === value ? key : `${key}: ${quote(value)}`))
    .join(", ");
  const negative = parameters.negativePrompt
    ? `\nNegative prompt: ${parameters.negativePrompt}`
    : "";
  return `${parameters.prompt}${negative}\n${line}`.trim();
}

const paramPattern = /\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/g;

export interface ParsedWebuiParameters extends WebuiParameters {
  negativePrompt: string;
  /** Every `Key: value` field of the last line, unquoted, including the standard ones. */
  fields: Record<string, string>;
}

/** Read a `parameters` text back (WebUI's own rules: the last line holds the fields if it has 3+). */
export function parseWebuiParameters(text: string): ParsedWebuiParameters {
  const lines = text.trim().split("\n");
  let last = lines.pop() ?? "";
  if ([...last.matchAll(paramPattern)].length < 3) {
    lines.push(last);
    last = "";
  }
  let prompt = "";
  let negativePrompt = "";
  let inNegative = false;
  for (const raw of lines) {
    let line = raw.trim();
    if (line.startsWith("Negative prompt:")) {
      inNegative = true;
      line = line.slice("Negative prompt:".length).trim();
    }
    if (inNegative) negativePrompt += (negativePrompt === "" ? "" : "\n") + line;
    else prompt += (prompt === "" ? "" : "\n") + line;
  }
  const fields: Record<string, string> = {};
  for (const match of last.matchAll(paramPattern)) {
    let value = match[2]!.trim();
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        // WebUI keeps a value it cannot unquote as it is.
      }
    }
    fields[match[1]!.trim()] = value;
  }
  const number = (key: string) => {
    const value = fields[key];
    return value === undefined || value === "" || Number.isNaN(Number(value))
      ? undefined
      : Number(value);
  };
  const size = /^(\d+)x(\d+)$/.exec(fields.Size ?? "");
  const standard = new Set([
    "Steps",
    "Sampler",
    "CFG scale",
    "Seed",
    "Size",
    "Model hash",
    "Model",
    "Denoising strength",
  ]);
  const extra = Object.fromEntries(Object.entries(fields).filter(([key]) => !standard.has(key)));
  return {
    prompt,
    negativePrompt,
    steps: number("Steps"),
    sampler: fields.Sampler,
    cfgScale: number("CFG scale"),
    seed: number("Seed"),
    width: size ? Number(size[1]) : undefined,
    height: size ? Number(size[2]) : undefined,
    modelHash: fields["Model hash"],
    model: fields.Model,
    denoisingStrength: number("Denoising strength"),
    extra,
    fields,
  };
}

/**
 * The parameters text for one image of a {@link generateImage} result: the prompt sent, and
 * only the settings the provider honoured (a warned-about setting did not shape the picture).
 */
export function webuiParametersFor(result: GenerateImageResult, index: number): WebuiParameters {
  const image = result.images[index];
  const ignored = new Set(result.warnings.map((warning) => warning.setting));
  const honoured = <T>(setting: string, value: T | undefined) =>
    ignored.has(setting) ? undefined : value;
  const { request } = result;
  const reported = { ...result.parameters };
  const take = (key: string) => {
    const value = reported[key];
    delete reported[key];
    return value;
  };
  const sampler = take("sampler");
  const steps = take("steps");
  const cfgScale = take("cfgScale");
  const checkpoint = take("checkpoint") ?? take("model");
  const modelHash = take("modelHash") ?? take("checkpointHash");
  const denoising = take("denoisingStrength");
  const scheduler = take("scheduler");
  const extra: Record<string, string | number> = { Provider: result.provider };
  // WebUI writes the scheduler as "Schedule type" (1.9 and later).
  if (scheduler !== undefined) extra["Schedule type"] = scheduler;
  for (const [key, value] of Object.entries(reported)) extra[fieldName(key)] = value;
  return {
    prompt: request.prompt,
    negativePrompt: honoured("negativePrompt", request.negativePrompt),
    steps: steps !== undefined ? Number(steps) : honoured("steps", request.steps),
    sampler: sampler === undefined ? undefined : String(sampler),
    cfgScale: cfgScale !== undefined ? Number(cfgScale) : honoured("guidance", request.guidance),
    seed: image?.seed,
    width: image?.width,
    height: image?.height,
    modelHash: modelHash === undefined ? undefined : String(modelHash),
    model: String(checkpoint ?? result.modelId),
    denoisingStrength: request.initImage
      ? denoising !== undefined
        ? Number(denoising)
        : honoured("strength", request.strength)
      : undefined,
    extra,
  };
}

/** `modelHash` → `Model hash`, `quality` → `Quality` (WebUI's field style). */
function fieldName(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
