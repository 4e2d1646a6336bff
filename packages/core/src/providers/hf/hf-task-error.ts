import { InvalidInputError } from "../../errors.js";

/**
 * The client refuses a model whose Hub task is not the one asked for ("… is not supported for
 * task text-to-audio … Supported task: text-to-speech."); say what the model does and which to use.
 */
export function explainWrongTask(
  error: unknown,
  modelId: string,
  task: string,
  suggestion: string,
): unknown {
  const message = (error as Error)?.message ?? "";
  if (!/is not supported for task/.test(message)) return error;
  const supported = /Supported task: ([\w-]+)/.exec(message)?.[1];
  const does = supported ? ` (it does ${supported})` : "";
  return new InvalidInputError(
    `hf:${modelId} cannot do ${task}${does}; use a ${task} model such as ${suggestion}.`,
  );
}
