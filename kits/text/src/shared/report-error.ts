import { openAICompatiblePresets, PathError, redactSecrets } from "@path/core";
import { UsageError } from "./usage-error.js";

/** 0 ok, 1 the call failed, 2 the command was wrong, 130 cancelled with Ctrl-C (the shell's convention). */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return 2;
  if (PathError.isInstance(error)) {
    if (error.code === "aborted") return 130;
    if (error.code === "invalid-input" || error.code === "unknown-provider") return 2;
  }
  return 1;
}

/** Prints an error as one `error: …` line on stderr (plus a stack with --debug); returns the exit code. */
export function reportError(error: unknown, options: { debug?: boolean } = {}): number {
  const code = exitCodeFor(error);
  if (code === 130) {
    process.stderr.write("cancelled\n");
    return code;
  }
  process.stderr.write(`error: ${errorMessage(error)}\n`);
  if (PathError.isInstance(error) && error.code === "schema-mismatch") {
    const { issues, rawText } = error as PathError & { issues: string[]; rawText: string };
    process.stderr.write(`issues:\n${issues.map((issue) => `  - ${issue}`).join("\n")}\n`);
    process.stderr.write(`raw answer:\n${rawText}\n`);
  }
  if (options.debug) {
    for (let cause: unknown = error; cause; cause = (cause as Error).cause) {
      process.stderr.write(`${redactSecrets(String((cause as Error).stack ?? cause))}\n`);
    }
  }
  return code;
}

/**
 * What to show for an error. PathError messages are written to be shown as they are; anything
 * else may be a raw library message, so only its first line, with secrets masked.
 */
export function errorMessage(error: unknown): string {
  const message = PathError.isInstance(error)
    ? error.message
    : redactSecrets(String((error as Error)?.message ?? error).split("\n")[0]!);
  return `${message}${hintFor(error)}`;
}

/** One more clause saying what to do, for the errors a beginner meets first. */
function hintFor(error: unknown): string {
  if (!PathError.isInstance(error)) return "";
  const provider = (error as PathError & { provider?: string }).provider;
  const preset = openAICompatiblePresets.find((entry) => entry.id === provider);
  if (error.code === "unauthorized") {
    const variable = preset?.apiKeyVariable ?? (provider === "hf" ? "HF_TOKEN" : undefined);
    return variable ? ` (check ${variable})` : "";
  }
  // A stream that ends before its first word is usually not an API at all: a wrong base URL
  // answering with a web page (core does not say so for streams yet).
  if (
    error.code === "stream-cut" &&
    (error as PathError & { partialText?: string }).partialText === ""
  ) {
    const variable = preset ? ` (check ${preset.baseURLVariable})` : "";
    return ` Nothing arrived: is the base URL right${variable}?`;
  }
  if (error.code === "provider-not-installed") {
    return " Or set a cloud key such as OPENAI_API_KEY or DEEPSEEK_API_KEY (see kits/text/.env.example).";
  }
  return "";
}
