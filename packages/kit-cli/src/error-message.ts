import { openAICompatiblePresets, PathError, redactSecrets } from "@path/core";

/**
 * A kit's own advice for an error, added after the message: a clause (` Or set …`) or lines
 * of their own (`\nhint: …`). "" when the kit has nothing to add.
 */
export type ErrorHint = (error: unknown) => string;

/**
 * What to show for an error. PathError messages are written to be shown as they are; anything
 * else may be a raw library message, so only its first line, with secrets masked. Then what to
 * do about it: the advice every kit shares, and the kit's own `hint`.
 */
export function errorMessage(error: unknown, hint?: ErrorHint): string {
  const message = PathError.isInstance(error)
    ? error.message
    : redactSecrets(String((error as Error)?.message ?? error).split("\n")[0]!);
  return `${message}${commonHint(error)}${hint?.(error) ?? ""}`;
}

/** One more clause saying what to do, for the errors a beginner meets first. */
function commonHint(error: unknown): string {
  if (!PathError.isInstance(error)) return "";
  const provider = (error as PathError & { provider?: string }).provider;
  const preset = openAICompatiblePresets.find((entry) => entry.id === provider);
  if (error.code === "unauthorized") {
    const variable = preset?.apiKeyVariable ?? (provider === "hf" ? "HF_TOKEN" : undefined);
    return variable ? ` (check ${variable})` : "";
  }
  // A stream that ends before its first word is usually not an API at all: a wrong base URL
  // answering with a web page.
  if (
    error.code === "stream-cut" &&
    (error as PathError & { partialText?: string }).partialText === ""
  ) {
    const variable = preset ? ` (check ${preset.baseURLVariable})` : "";
    return ` Nothing arrived: is the base URL right${variable}?`;
  }
  return "";
}
