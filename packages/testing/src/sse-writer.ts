import type { ServerResponse } from "node:http";
import { type FrameStreamControl, type FrameStreamOutcome, writeFrames } from "./frame-stream.js";

/** Options for {@link writeSse}. */
export interface SseOptions extends FrameStreamControl {
  /** Finish with `data: [DONE]` (OpenAI style). Default true. */
  done?: boolean;
  status?: number;
  headers?: Record<string, string>;
}

/**
 * Streams `events` as `text/event-stream` (`data: <json>` frames separated by blank lines),
 * then `data: [DONE]`, and closes the response. A string event is sent verbatim.
 */
export function writeSse(
  response: ServerResponse,
  events: readonly unknown[],
  options: SseOptions = {},
): Promise<FrameStreamOutcome> {
  response.writeHead(options.status ?? 200, {
    ...options.headers,
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
  });
  const payloads = events.map((event) =>
    typeof event === "string" ? event : JSON.stringify(event),
  );
  const terminator = options.done === false ? [] : ["[DONE]"];
  return writeFrames(response, payloads, terminator, (payload) => `data: ${payload}\n\n`, options);
}
