import { PathError, redactSecrets } from "@path/core";
import { type ErrorHint, errorMessage } from "./error-message.js";
import { exitCodeFor } from "./exit-code.js";

/**
 * Prints an error as one `error: …` line on stderr (with the kit's `hint`, and a stack with
 * `debug`), or `cancelled` after Ctrl-C; returns the exit code (see exitCodeFor).
 */
export function reportError(
  error: unknown,
  options: { debug?: boolean; hint?: ErrorHint } = {},
): number {
  const code = exitCodeFor(error);
  if (code === 130) {
    process.stderr.write("cancelled\n");
    return code;
  }
  process.stderr.write(`error: ${errorMessage(error, options.hint)}\n`);
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
