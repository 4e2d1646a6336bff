/**
 * The flags every image quest takes, and turning them into `generateImage` options. Numbers are
 * checked here so a typo is a usage error (exit 2), not a failed call.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { GenerateImageOptions } from "@path/core";
import { UsageError } from "../../../text/src/shared/usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export const generationOptions = {
  model: { type: "string", short: "m" },
  n: { type: "string" },
  size: { type: "string" },
  ar: { type: "string" },
  steps: { type: "string" },
  guidance: { type: "string" },
  seed: { type: "string" },
  negative: { type: "string" },
  out: { type: "string", short: "o" },
  json: { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

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
export function parseImageArgs<const Extra extends Options>(argv: string[], extra: Extra) {
  try {
    return parseArgs({
      args: argv,
      options: { ...generationOptions, ...extra } as typeof generationOptions & Extra,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    throw new UsageError(
      unknown ? `unknown option ${unknown[1]} (see --help)` : `${message} (see --help)`,
    );
  }
}

type GenerationValues = Partial<Record<keyof typeof generationOptions, string | boolean>>;

/** The `generateImage` options the generation flags ask for. */
export function generationSettings(values: GenerationValues): Partial<GenerateImageOptions> {
  const text = (name: keyof typeof generationOptions) =>
    typeof values[name] === "string" ? (values[name] as string) : undefined;
  return {
    model: text("model"),
    n: integer("n", text("n"), 1, 64),
    size: text("size"),
    aspectRatio: text("ar"),
    seed: integer("seed", text("seed"), 0, 4_294_967_295),
    steps: integer("steps", text("steps"), 1, 1000),
    guidance: decimal("guidance", text("guidance"), 0, 100),
    negativePrompt: text("negative"),
  };
}

export function integer(name: string, value: string | undefined, min: number, max: number) {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, not "${value}"`);
  }
  return number;
}

export function decimal(name: string, value: string | undefined, min: number, max: number) {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < min || number > max) {
    throw new UsageError(`--${name} takes a number from ${min} to ${max}, not "${value}"`);
  }
  return number;
}
