/**
 * The flags every image quest takes, and turning them into `generateImage` options. Numbers are
 * checked here so a typo is a usage error (exit 2), not a failed call.
 */
import type { GenerateImageOptions } from "@path/core";
import {
  type FlagsConfig,
  modelFlag,
  parseCommandArgs,
  parseIntegerFlag,
  parseNumberFlag,
} from "@path/kit-cli";

/** The generation flags, on top of kit-cli's `--json --debug --help`. */
export const generationOptions = {
  ...modelFlag,
  n: { type: "string" },
  size: { type: "string" },
  ar: { type: "string" },
  steps: { type: "string" },
  guidance: { type: "string" },
  seed: { type: "string" },
  negative: { type: "string" },
  out: { type: "string", short: "o" },
} as const satisfies FlagsConfig;

export const generationHelp = `  -m, --model <provider:model>  e.g. openai:gpt-image-1, hf:black-forest-labs/FLUX.1-schnell,
                                a1111:default, comfyui:default (default: GENAI_IMAGE_MODEL, else
                                the first provider that is set up)
      --n <count>               how many pictures (1-64)
      --size <WxH>              e.g. 1024x768 (models with fixed sizes take the nearest one)
      --ar <W:H>                aspect ratio instead of a size, e.g. 3:4
      --seed <number>           the same seed + prompt + model gives the same picture
      --steps <number>          sampling steps (diffusion models)
      --guidance <number>       CFG scale: how literally to follow the prompt (diffusion models)
      --negative <text>         what the picture must not show
  -o, --out <dir>               where to write (default: ./output)
      --json                    print one JSON object instead of file paths
      --debug                   show stack traces on errors
  -h, --help                    this help

Flags written in the prompt work too: "a fox --ar 3:4 --seed 42 --no text".
Options given here win over them.`;

/** Parses a quest's argv with the generation flags plus its own. Bad flags are a UsageError. */
export function parseImageArgs<const Extra extends FlagsConfig>(argv: string[], extra: Extra) {
  const flags = { ...generationOptions, ...extra } as typeof generationOptions & Extra;
  return parseCommandArgs(argv, flags);
}

type GenerationValues = Partial<Record<keyof typeof generationOptions, string | boolean>>;

/** The `generateImage` options the generation flags ask for. */
export function generationSettings(values: GenerationValues): Partial<GenerateImageOptions> {
  const text = (name: keyof typeof generationOptions) =>
    typeof values[name] === "string" ? (values[name] as string) : undefined;
  return {
    model: text("model"),
    n: parseIntegerFlag("n", text("n"), 1, 64),
    size: text("size"),
    aspectRatio: text("ar"),
    seed: parseIntegerFlag("seed", text("seed"), 0, 4_294_967_295),
    steps: parseIntegerFlag("steps", text("steps"), 1, 1000),
    guidance: parseNumberFlag("guidance", text("guidance"), 0, 100),
    negativePrompt: text("negative"),
  };
}
