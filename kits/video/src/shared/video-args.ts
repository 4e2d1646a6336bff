/**
 * The flags make and animate share, checked here so a typo is a usage error (exit 2) before
 * anything is sent or paid for. Whether the model offers the seconds, ratio or size is core's
 * check (against the model's limits), which names the values it does offer.
 */
import {
  type FlagsConfig,
  modelFlag,
  parseCommandArgs,
  parseIntegerFlag,
  parseNumberFlag,
  UsageError,
} from "@path/kit-cli";

export const videoFlags = {
  ...modelFlag,
  seconds: { type: "string", short: "s" },
  ar: { type: "string" },
  size: { type: "string" },
  seed: { type: "string" },
  yes: { type: "boolean", short: "y" },
  new: { type: "boolean" },
  out: { type: "string", short: "o" },
} as const satisfies FlagsConfig;

export const videoOptionsHelp = `  -m, --model <provider:model>  openai:sora-2, runway:gen4_turbo, kling:kling-v2-master,
                                comfyui:<workflow>, … (default: GENAI_VIDEO_MODEL, else the
                                first provider that is set up)
  -s, --seconds <n>             how long (each model offers a few lengths; others are refused
                                with the ones it has)
      --ar <W:H>                aspect ratio: 16:9, 9:16, 1:1 (the model's first is the default)
      --size <WxH>              an exact size instead, where the model takes sizes (1280x720)
      --seed <number>           the same seed + prompt + model gives the same video (where offered)
  -y, --yes                     accept the estimated price without being asked
      --new                     submit again even if this same request already has a job
  -o, --out <dir>               where to write (default: ./output; files are never overwritten)
      --json                    print one JSON object instead of the file path
      --debug                   show stack traces on errors
  -h, --help                    this help

Progress (queued, running with percent, the download) goes to stderr. The job is recorded
before it is sent: if the terminal closes, run the same command again, or \`resume <key>\`.`;

export interface VideoArgs {
  model?: string;
  seconds?: number;
  aspectRatio?: string;
  size?: string;
  seed?: number;
  yes: boolean;
  fresh: boolean;
  out?: string;
  json: boolean;
  help: boolean;
  positionals: string[];
}

export function parseVideoArgs(argv: string[]): VideoArgs {
  const { values, positionals } = parseCommandArgs(argv, videoFlags);
  if (values.ar !== undefined && values.size !== undefined) {
    throw new UsageError("give --ar or --size, not both (a size already has its ratio)");
  }
  if (values.ar !== undefined && !/^\s*\d+\s*:\s*\d+\s*$/.test(values.ar)) {
    throw new UsageError(`--ar takes W:H, e.g. 16:9 or 9:16, not "${values.ar}"`);
  }
  if (values.size !== undefined && !/^\s*\d+\s*[x×]\s*\d+\s*$/i.test(values.size)) {
    throw new UsageError(`--size takes WIDTHxHEIGHT, e.g. 1280x720, not "${values.size}"`);
  }
  return {
    model: values.model,
    seconds: parseNumberFlag("seconds", values.seconds, 1, 600),
    aspectRatio: values.ar?.replace(/\s+/g, ""),
    size: values.size?.replace(/\s+/g, "").replace("×", "x").toLowerCase(),
    seed: parseIntegerFlag("seed", values.seed, 0, 4_294_967_295),
    yes: values.yes === true,
    fresh: values.new === true,
    out: values.out,
    json: values.json === true,
    help: values.help === true,
    positionals,
  };
}
