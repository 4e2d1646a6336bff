import type { VideoStartOptions, Warning } from "../../spec/index.js";
import { ratioDiffersFromPicture } from "../picture-shape.js";
import { unsupportedSetting } from "../unsupported-setting.js";

/** What both MiniMax video APIs leave out: a seed, and a ratio other than the first frame's. */
export function miniMaxVideoWarnings(name: string, options: VideoStartOptions): Warning[] {
  const warnings: Warning[] = [];
  if (options.seed !== undefined) {
    warnings.push(unsupportedSetting("seed", `${name} takes no seed; each run differs.`));
  }
  const { image, aspectRatio } = options;
  if (image && aspectRatio && ratioDiffersFromPicture(aspectRatio, image)) {
    warnings.push(
      unsupportedSetting(
        "aspectRatio",
        `${name} keeps the first frame's shape; crop the picture to change it.`,
      ),
    );
  }
  return warnings;
}
