/**
 * The settings a local call honours beyond the spec's own: `providerOptions.local`
 * (`topK`, `minP`, `repeatPenalty`), validated, with warnings for what has no effect here.
 */
import { InvalidInputError } from "@path/core";
import type { CallSettings, Warning } from "@path/core/spec";

export interface LocalSamplingOptions {
  /** Sample only among the K likeliest tokens. */
  topK?: number;
  /** Drop tokens less likely than this fraction of the likeliest one. */
  minP?: number;
  /** Penalty (> 1) for repeating recent tokens; small models loop without one. */
  repeatPenalty?: number;
}

const known = new Set(["topK", "minP", "repeatPenalty"]);

export function readLocalCallOptions(options: CallSettings): {
  sampling: LocalSamplingOptions;
  warnings: Warning[];
} {
  const warnings: Warning[] = [];
  if (options.headers && Object.keys(options.headers).length > 0) {
    warnings.push({
      type: "unsupported-setting",
      setting: "headers",
      message: "The local provider runs the model in-process; HTTP headers have no effect.",
    });
  }
  const raw = options.providerOptions?.local ?? {};
  const sampling: LocalSamplingOptions = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!known.has(key)) {
      warnings.push({
        type: "unsupported-setting",
        setting: `providerOptions.local.${key}`,
        message: `Unknown local option "${key}" was ignored; known: ${[...known].join(", ")}.`,
      });
      continue;
    }
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new InvalidInputError(
        `providerOptions.local.${key} must be a non-negative number, not ${JSON.stringify(value)}.`,
      );
    }
    sampling[key as keyof LocalSamplingOptions] = value;
  }
  return { sampling, warnings };
}
