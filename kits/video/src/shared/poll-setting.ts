import { readSetting } from "@path/core";
import { UsageError } from "@path/kit-cli";

/**
 * GENAI_VIDEO_POLL_MS: the first wait between status requests (core lengthens it while nothing
 * changes). Unset → the model's own advice, else 5 s. Small values are for tests and local GPUs.
 */
export function pollIntervalMs(): number | undefined {
  const setting = readSetting("GENAI_VIDEO_POLL_MS");
  if (setting === undefined || setting === "") return undefined;
  const value = Number(setting);
  if (!(Number.isFinite(value) && value >= 1 && value <= 600_000)) {
    throw new UsageError(
      `GENAI_VIDEO_POLL_MS is "${setting}"; set it to milliseconds between 1 and 600000, or leave it unset`,
    );
  }
  return value;
}
