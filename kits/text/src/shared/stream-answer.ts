import { type StreamTextFinal, type StreamTextOptions, streamText } from "@path/core";
import { dim } from "@path/kit-cli";
import { formatSummary } from "./summary.js";

export interface StreamedAnswer extends StreamTextFinal {
  /** From sending the request to the first piece of text: what "feels fast" depends on. */
  timeToFirstTokenMs?: number;
}

/**
 * Streams an answer to stdout as it is written, then prints a dim summary line on stderr.
 * With `json`, prints nothing (the caller prints one JSON object). Failures are thrown after
 * the partial text was shown; core's StreamCutError / AbortedError say what happened.
 */
export async function streamAnswer(
  options: StreamTextOptions,
  output: { json?: boolean } = {},
): Promise<StreamedAnswer> {
  const startedAt = performance.now();
  const result = streamText(options);
  let timeToFirstTokenMs: number | undefined;
  let last = "\n";
  try {
    for await (const delta of result.textStream) {
      timeToFirstTokenMs ??= Math.round(performance.now() - startedAt);
      if (!output.json) process.stdout.write(delta);
      last = delta;
    }
  } finally {
    // End the answer's last line so a summary or an error starts on a line of its own.
    if (!output.json && !last.endsWith("\n")) process.stdout.write("\n");
  }
  const final = await result.final;
  for (const warning of final.warnings) process.stderr.write(`warning: ${warning.message}\n`);
  if (!output.json) {
    process.stderr.write(`${dim(formatSummary({ ...final, timeToFirstTokenMs }))}\n`);
  }
  return { ...final, timeToFirstTokenMs };
}
