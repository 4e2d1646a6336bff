import type { ServerResponse } from "node:http";
import type { Fault } from "./fault.js";
import type { FrameStreamControl, FrameStreamOutcome } from "./frame-stream.js";
import { type NdjsonOptions, writeNdjson } from "./ndjson-writer.js";
import type { RecordedRequest } from "./recorded-request.js";
import { type SseOptions, writeSse } from "./sse-writer.js";

/** One request being answered: what a route handler receives. */
export interface FakeExchange {
  readonly request: RecordedRequest;
  readonly response: ServerResponse;
  /** The fault this request consumed, if any. Routes read `reply`; the writers apply the rest. */
  readonly fault: Fault | undefined;
  /** Sends `value` as `application/json` (truncated or cut when a fault says so). */
  json(value: unknown, status?: number, headers?: Record<string, string>): void;
  /** Streams SSE `data:` events, then `[DONE]` unless `done: false`. */
  sse(events: readonly unknown[], options?: SseOptions): Promise<FrameStreamOutcome>;
  /** Streams NDJSON lines; the last one is the terminator. */
  ndjson(lines: readonly unknown[], options?: NdjsonOptions): Promise<FrameStreamOutcome>;
}

function streamControl(fault: Fault | undefined, onCut: () => void): FrameStreamControl {
  const control: FrameStreamControl = { onCut };
  if (!fault) return control;
  if ("cutStreamAfter" in fault) control.cutAfter = fault.cutStreamAfter;
  if ("frameDelayMs" in fault) control.frameDelayMs = fault.frameDelayMs;
  if ("malformedJson" in fault) control.malformed = true;
  return control;
}

/** Builds the exchange for a recorded request. `onCut` marks a socket the server destroyed. */
export function createExchange(
  request: RecordedRequest,
  response: ServerResponse,
  fault: Fault | undefined,
  onCut: () => void,
): FakeExchange {
  const control = streamControl(fault, onCut);
  return {
    request,
    response,
    fault,
    json(value, status = 200, headers = {}) {
      const text = JSON.stringify(value);
      const body = control.malformed ? text.slice(0, Math.floor(text.length / 2)) : text;
      response.writeHead(status, {
        ...headers,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
      });
      if (control.cutAfter === undefined) {
        response.end(body);
        return;
      }
      response.write(body.slice(0, Math.floor(body.length / 2)), () => {
        onCut();
        response.destroy();
      });
    },
    sse: (events, options = {}) => writeSse(response, events, { ...control, ...options }),
    ndjson: (lines, options = {}) => writeNdjson(response, lines, { ...control, ...options }),
  };
}
