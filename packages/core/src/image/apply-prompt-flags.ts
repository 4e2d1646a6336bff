import type { ProviderOptions, Warning } from "../spec/index.js";
import type { ImageDimensions } from "./image-size-options.js";
import { type PromptFlagName, type PromptFlags, stylizeToGuidance } from "./prompt-flags.js";

/** The settings prompt flags can set (the part of `generateImage`'s options they share). */
export interface FlaggableSettings {
  /**
   * What to draw. May end in Midjourney-style flags (`--ar 3:4 --seed 42 --no text`), which are
   * taken out and applied; options given here win over them. See `parsePromptFlags`.
   */
  prompt: string;
  negativePrompt?: string;
  /** How many images. Default 1. Batched when the provider caps images per call. */
  n?: number;
  /** `"1024x768"` or `{ width, height }`. Use this or `aspectRatio`. */
  size?: string | ImageDimensions;
  /** `"3:4"`, `"16:9"`, … */
  aspectRatio?: string;
  seed?: number;
  steps?: number;
  guidance?: number;
}

export interface AppliedFlags<T extends FlaggableSettings> {
  settings: T;
  warnings: Warning[];
  /** Which spec setting came from which flag, e.g. `{ guidance: "--stylize 250" }`. */
  origins: Record<string, string>;
}

/**
 * Merge parsed flags into the caller's settings. Explicit settings win; a flag they override
 * becomes a warning, as does every flag with no equivalent.
 */
export function applyPromptFlags<T extends FlaggableSettings>(
  settings: T,
  flags: PromptFlags,
): AppliedFlags<T> {
  const warnings: Warning[] = [];
  const origins: Record<string, string> = {};
  const merged: T = { ...settings, prompt: flags.prompt };
  const take = <K extends keyof FlaggableSettings & PromptFlagName>(
    key: K,
    value: FlaggableSettings[K] | undefined,
    explicitWins = settings[key] !== undefined,
    reason = `was overridden by the ${key} option`,
  ) => {
    if (value === undefined) return;
    const written = flags.written[key]!;
    if (explicitWins) {
      warnings.push({
        type: "other",
        setting: key,
        message: `"${written}" in the prompt ${reason}.`,
      });
      return;
    }
    (merged as FlaggableSettings)[key] = value as never;
    origins[key] = written;
  };
  take("negativePrompt", flags.negativePrompt);
  take("n", flags.n);
  take("seed", flags.seed);
  take("steps", flags.steps);
  take("guidance", flags.guidance);
  // A size or a ratio given as an option beats either flag.
  const sizedByOption = settings.size !== undefined || settings.aspectRatio !== undefined;
  const sizeReason = "was not used: a size or aspect ratio was given as an option";
  take("size", flags.size, sizedByOption, sizeReason);
  take(
    "aspectRatio",
    flags.aspectRatio,
    sizedByOption || flags.size !== undefined,
    flags.size !== undefined && !sizedByOption
      ? `was not used: "${flags.written.size}" sets the size`
      : sizeReason,
  );
  if (flags.stylize !== undefined) {
    const written = flags.written.stylize!;
    if (merged.guidance !== undefined) {
      warnings.push({
        type: "other",
        setting: "stylize",
        message: `"${written}" was not applied: guidance ${merged.guidance} was set too.`,
      });
    } else {
      merged.guidance = stylizeToGuidance(flags.stylize);
      origins.guidance = written;
    }
  }
  for (const { flag, midjourneyOnly } of flags.ignored) {
    warnings.push({
      type: "unsupported-setting",
      setting: flag.split(" ")[0],
      message: midjourneyOnly
        ? `"${flag}" is a Midjourney setting with no equivalent here; it was taken out of the prompt.`
        : `"${flag}" is not a flag this SDK knows; it was taken out of the prompt (write it without -- to keep the words).`,
    });
  }
  return { settings: merged, warnings, origins };
}

/**
 * `--quality` and `--style` mean something only to some models: OpenAI's take `quality`
 * (and dall-e-3 `style`). Elsewhere they become warnings.
 */
export function vendorFlagOptions(
  flags: PromptFlags,
  provider: string,
  modelId: string,
  providerOptions: ProviderOptions | undefined,
): { providerOptions?: ProviderOptions; warnings: Warning[]; origins: Record<string, string> } {
  const warnings: Warning[] = [];
  const origins: Record<string, string> = {};
  const own = { ...providerOptions?.[provider] };
  const openAI = provider === "openai";
  const gptImage = openAI && /^(gpt-image|chatgpt-image)/.test(modelId);
  const unsupported = (flag: string, hint: string) =>
    warnings.push({
      type: "unsupported-setting",
      setting: flag.split(" ")[0],
      message: `${provider}:${modelId} has no equivalent of "${flag}"; ${hint}.`,
    });

  const overridden = (flag: string, key: string) =>
    warnings.push({
      type: "other",
      setting: key,
      message: `"${flag}" in the prompt was overridden by providerOptions.${provider}.${key}.`,
    });

  if (flags.quality !== undefined) {
    const written = flags.written.quality!;
    const quality = openAIQuality(flags.quality, modelId, gptImage);
    if (!openAI || quality === undefined) {
      unsupported(written, "for diffusion models, more --steps is what raises quality");
    } else if (own.quality !== undefined) {
      overridden(written, "quality");
    } else {
      own.quality = quality;
      origins.quality = written;
    }
  }
  if (flags.style !== undefined) {
    const written = flags.written.style!;
    if (openAI && modelId === "dall-e-3") {
      if (own.style !== undefined) overridden(written, "style");
      else {
        own.style = flags.style === "raw" ? "natural" : flags.style;
        origins.style = written;
      }
    } else {
      unsupported(written, "describe the style in the prompt instead");
    }
  }
  const changed = Object.keys(origins).length > 0;
  return {
    providerOptions: changed ? { ...providerOptions, [provider]: own } : providerOptions,
    warnings,
    origins,
  };
}

function openAIQuality(value: string, modelId: string, gptImage: boolean): string | undefined {
  const number = Number(value);
  if (Number.isFinite(number)) {
    if (gptImage) return number < 0.5 ? "low" : number < 1 ? "medium" : "high";
    if (modelId === "dall-e-3") return number > 1 ? "hd" : "standard";
    return undefined;
  }
  return value;
}
