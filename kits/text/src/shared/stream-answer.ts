import { type StreamTextFinal, type StreamTextOptions, streamText } from "@path/core";
import { dim } from "@path/kit-cli";
import { formatSummary } from "./summary.js";

/** The final answer; core's `timeToFirstTokenMs` is what "feels fast" depends on. */
export type StreamedAnswer = StreamTextFinal;

/**
 * Streams an answer to stdout as it is written, then prints a dim summary line on stderr.
 * With `json`, prints nothing (the caller prints one JSON object). Failures are thrown after
 * the partial text was shown; core's StreamCutError / AbortedError say what happened.
 */
export async function streamAnswer(
  options: StreamTextOptions,
  output: { json?: boolean } = {},
): Promise<StreamedAnswer> {
  const result = streamText(options);
  let last = "\n";
  try {
    for await (const delta of result.textStream) {
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
    process.stderr.write(`${dim(formatSummary(final))}\n`);
  }
  return final;
}
