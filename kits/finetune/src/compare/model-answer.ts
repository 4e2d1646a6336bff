import { type Cost, generateText, type Message, PathError, type TextModel } from "@path/core";
import { errorMessage } from "@path/kit-cli";

/** What one model said to one prompt, with what it cost. */
export interface ModelAnswer {
  text: string;
  inputTokens?: number;
  outputTokens?: number;
  /** Undefined when the price table does not know the model (a fine-tuned one, usually). */
  cost?: Cost;
  durationMs: number;
  /** What the provider could not honour (a seed it ignores, say), when anything. */
  warnings?: string[];
}

/** A call that failed: the one-line message, kept on its row. */
export interface FailedAnswer {
  error: string;
}

/** The same sampling for both models, so a difference comes from the weights, not the dice. */
export interface Sampling {
  temperature: number;
  seed: number;
  maxOutputTokens?: number;
}

/** Errors that every example would meet the same way: a missing key, a wrong model name, no server. */
const setupErrors = new Set([
  "missing-api-key",
  "unauthorized",
  "not-found",
  "connection-failed",
  "unsupported-job",
]);

/** On the first example a setup error ends the run: the same error on every row helps no one. */
export function endsTheRun(error: unknown, firstExample: boolean): boolean {
  return firstExample && PathError.isInstance(error) && setupErrors.has(error.code);
}

/**
 * Asks one model; a failure becomes a FailedAnswer so the other rows still run. Ctrl-C is not
 * a failure of the model, nor is a setup error on the first example: those are thrown on.
 */
export async function askModel(
  model: TextModel,
  prompt: Message[],
  sampling: Sampling,
  signal: AbortSignal,
  firstExample = false,
): Promise<ModelAnswer | FailedAnswer> {
  try {
    const result = await generateText({ model, messages: prompt, ...sampling, signal });
    return {
      text: result.text,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      cost: result.cost,
      durationMs: result.durationMs,
      ...warningsOf(result),
    };
  } catch (error) {
    if (signal.aborted || endsTheRun(error, firstExample)) throw error;
    return { error: rowError(error) };
  }
}

/** The call failed: its row keeps the error instead of an answer (or a verdict). */
export function failed<T extends object>(outcome: T | FailedAnswer): outcome is FailedAnswer {
  return "error" in outcome;
}

/** `{ warnings }` when the call had any, else nothing, so rows stay short. */
export function warningsOf(result: { warnings: { message: string }[] }): { warnings?: string[] } {
  return result.warnings.length > 0
    ? { warnings: result.warnings.map((warning) => warning.message) }
    : {};
}

/** An error as one line, to sit in a table row. */
export function rowError(error: unknown): string {
  return errorMessage(error).replace(/\s*\n\s*/g, " ");
}
