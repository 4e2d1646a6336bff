/**
 * What each Runway video model takes, from the API's request types (`@runwayml/sdk`
 * image_to_video / text_to_video) and the inputs guide (https://docs.dev.runwayml.com/assets/inputs/).
 * Runway names an output by its pixel size (`ratio: "1280:720"`); users write `--ar 16:9` or
 * `--size 1280x720`, and both map to the same `ratio` here.
 */
import type { VideoLimits } from "../../spec/index.js";

/** A Runway `ratio` for each aspect ratio a user types. */
export type RatioTable = Readonly<Record<string, string>>;

export interface RunwayModelInfo {
  limits: VideoLimits;
  /** Aspect ratio → Runway `ratio` for image-to-video (and text-to-video unless `textRatios`). */
  ratios: RatioTable;
  /** Extra sizes that are not the default one for their aspect (Veo's 1080p). */
  extraRatios?: readonly string[];
  /** Runway `ratio`s text-to-video takes, when fewer than image-to-video. */
  textRatios?: readonly string[];
  /** The model takes a `seed`. */
  seed: boolean;
  /** A prompt is required even with a picture (gen4.5). */
  promptRequired?: boolean;
  /** Sent when the caller gives no length, so the length (and the price) is known up front. */
  defaultDuration?: number;
}

const gen4Ratios: RatioTable = {
  "16:9": "1280:720",
  "9:16": "720:1280",
  "4:3": "1104:832",
  "3:4": "832:1104",
  "1:1": "960:960",
  "21:9": "1584:672",
};

const veoRatios: RatioTable = { "16:9": "1280:720", "9:16": "720:1280" };
const veoExtra = ["1920:1080", "1080:1920"];

/**
 * A promptImage sent as a data URI may be 5 MB; base64 makes a file 4/3 as long, so the file
 * itself may be about 3.75 MB (MB taken as 10^6, the stricter reading).
 */
export const runwayDataUriLimit = 5_000_000;
const dataUriHeader = "data:image/jpeg;base64,".length;
const maxImageBytes = Math.floor(((runwayDataUriLimit - dataUriHeader) / 4) * 3);

/** Input images: at most 8000 px a side (7999 accepted) and 1:2 to 2:1. */
const imageLimits = {
  maxSide: 7999,
  maxBytes: maxImageBytes,
  minAspect: 0.5,
  maxAspect: 2,
} as const;

function sizesOf(ratios: RatioTable, extra: readonly string[] = []): string[] {
  return [...Object.values(ratios), ...extra].map((ratio) => ratio.replace(":", "x"));
}

function model(
  inputs: VideoLimits["inputs"],
  durations: readonly number[],
  ratios: RatioTable,
  rest: Omit<RunwayModelInfo, "limits" | "ratios">,
): RunwayModelInfo {
  return {
    limits: {
      inputs,
      durations,
      aspectRatios: Object.keys(ratios),
      sizes: sizesOf(ratios, rest.extraRatios),
      image: imageLimits,
    },
    ratios,
    ...rest,
  };
}

const twoToTen = [2, 3, 4, 5, 6, 7, 8, 9, 10];

export const runwayModels: Readonly<Record<string, RunwayModelInfo>> = {
  gen4_turbo: model(["image"], [5, 10], gen4Ratios, { seed: true, defaultDuration: 5 }),
  "gen4.5": model(["text", "image"], twoToTen, gen4Ratios, {
    seed: true,
    promptRequired: true,
    textRatios: ["1280:720", "720:1280"],
    defaultDuration: 5,
  }),
  "veo3.1": model(["text", "image"], [4, 6, 8], veoRatios, {
    seed: false,
    extraRatios: veoExtra,
    defaultDuration: 8,
  }),
  "veo3.1_fast": model(["text", "image"], [4, 6, 8], veoRatios, {
    seed: false,
    extraRatios: veoExtra,
    defaultDuration: 8,
  }),
};

/**
 * A model this table does not list (Runway adds models often): passed through with gen4's
 * ratios and no length list, so Runway itself says what it refuses.
 */
export function runwayModelInfo(modelId: string): RunwayModelInfo {
  return (
    runwayModels[modelId] ?? {
      limits: {
        inputs: ["text", "image"],
        aspectRatios: Object.keys(gen4Ratios),
        sizes: sizesOf(gen4Ratios),
        image: imageLimits,
      },
      ratios: gen4Ratios,
      seed: true,
    }
  );
}
