import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/** How a streamed reply misbehaves; filled from the request's fault. */
export interface FrameStreamControl {
  /** Send this many data frames, then destroy the socket without the terminator. */
  cutAfter?: number;
  /** Pause between frames. */
  frameDelayMs?: number;
  /** Send the first frame truncated, then end the body without the terminator. */
  malformed?: boolean;
  /** Called just before the server destroys the socket on purpose. */
  onCut?: () => void;
}

/** What happened to a streamed reply. */
export type FrameStreamOutcome = "complete" | "cut" | "malformed" | "client-closed";

function isClosed(response: ServerResponse): boolean {
  return response.destroyed || response.writableEnded;
}

function write(response: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => response.write(text, () => resolve()));
}

/**
 * Writes already-serialised payloads, each wrapped by `encode`, then the terminator payloads,
 * and ends the response. Headers must already be set. Stops early when the client goes away.
 */
export async function writeFrames(
  response: ServerResponse,
  payloads: readonly string[],
  terminator: readonly string[],
  encode: (payload: string) => string,
  control: FrameStreamControl = {},
): Promise<FrameStreamOutcome> {
  response.flushHeaders();
  if (control.malformed) {
    const first = payloads[0] ?? terminator[0] ?? "{}";
    await write(response, encode(first.slice(0, Math.max(1, Math.floor(first.length / 2)))));
    response.end();
    return "malformed";
  }
  const frames = [...payloads, ...terminator];
  for (let index = 0; index < frames.length; index++) {
    if (control.cutAfter !== undefined && index >= Math.min(control.cutAfter, payloads.length)) {
      control.onCut?.();
      response.destroy();
      return "cut";
    }
    if (index > 0 && control.frameDelayMs) await sleep(control.frameDelayMs);
    if (isClosed(response)) return "client-closed";
    await write(response, encode(frames[index] as string));
  }
  if (isClosed(response)) return "client-closed";
  response.end();
  return "complete";
}
