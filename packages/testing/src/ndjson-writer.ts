import type { ServerResponse } from "node:http";
import { type FrameStreamControl, type FrameStreamOutcome, writeFrames } from "./frame-stream.js";

/** Options for {@link writeNdjson}. */
export interface NdjsonOptions extends FrameStreamControl {
  status?: number;
  headers?: Record<string, string>;
}

/**
 * Streams `lines` as `application/x-ndjson`, one JSON object per line. The last line is the
 * terminator (Ollama's `done:true` or `status:"success"`): a cut stream never sends it.
 */
export function writeNdjson(
  response: ServerResponse,
  lines: readonly unknown[],
  options: NdjsonOptions = {},
): Promise<FrameStreamOutcome> {
  response.writeHead(options.status ?? 200, {
    ...options.headers,
    "content-type": "application/x-ndjson",
  });
  const payloads = lines.map((line) => JSON.stringify(line));
  const terminator = payloads.splice(-1, 1);
  return writeFrames(response, payloads, terminator, (payload) => `${payload}\n`, options);
}
