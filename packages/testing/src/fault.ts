/** Which requests a fault applies to, how many times, and an optional delay before answering. */
export interface FaultMatch {
  /** Matches when the request path equals this string or ends with it; or when the RegExp matches. */
  path?: string | RegExp;
  /** Matches only this HTTP method (case-insensitive). */
  method?: string;
  /** How many matching requests consume this fault. Default 1; `Infinity` for every request. */
  times?: number;
  /** Wait this long before answering (a fault of its own when given alone). */
  latencyMs?: number;
}

/** Answer with this status instead of running the route (e.g. 429 with `retry-after-ms`). */
export interface StatusFault extends FaultMatch {
  status: number;
  /** A string is sent as-is; anything else as JSON. Default: the provider's own error envelope. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Default `application/json` for a JSON body, `text/plain; charset=utf-8` for a string body. */
  contentType?: string;
}

/** Stream only the first `cutStreamAfter` data frames, then destroy the socket (no terminator). */
export interface CutStreamFault extends FaultMatch {
  cutStreamAfter: number;
  /** Pause between frames. */
  frameDelayMs?: number;
}

/** Stream normally but pause between frames, so a client can abort mid-stream. */
export interface SlowStreamFault extends FaultMatch {
  frameDelayMs: number;
}

/** Send the route's JSON truncated (still `application/json`); in a stream, one truncated frame. */
export interface MalformedJsonFault extends FaultMatch {
  malformedJson: true;
}

/**
 * Use this assistant text for the next chat reply (e.g. JSON that breaks the requested schema).
 * Without a `path`, it waits for a chat request (`.../chat/completions`, `/api/chat`,
 * `/api/generate`), so lookups such as the Hugging Face Hub mapping do not consume it.
 */
export interface ReplyFault extends FaultMatch {
  reply: string;
}

/** Never answer; the request stays open until the client goes away (counted in `abortedRequests`). */
export interface HangFault extends FaultMatch {
  hang: true;
}

/** Answer normally, but cut every generated image short (a truncated PNG). Image fakes only. */
export interface TruncateImagesFault extends FaultMatch {
  truncateImages: true;
}

/** Answer normally, but cut the generated audio file in half (a truncated WAV). Audio fakes only. */
export interface TruncateAudioFault extends FaultMatch {
  truncateAudio: true;
}

/** Send this fraction (0..1) of a file's requested bytes, then destroy the socket. File-serving fakes only. */
export interface CutBodyFault extends FaultMatch {
  cutBodyAtFraction: number;
}

/** Send a file's bytes at the right length but with every byte flipped (a hash check must fail). File-serving fakes only. */
export interface CorruptBodyFault extends FaultMatch {
  corruptBody: true;
}

/** Only wait `latencyMs`, then answer normally. */
export interface LatencyFault extends FaultMatch {
  latencyMs: number;
}

/** Something to go wrong for the next matching request(s); see {@link FakeServer.inject}. */
export type Fault =
  | StatusFault
  | CutStreamFault
  | SlowStreamFault
  | MalformedJsonFault
  | ReplyFault
  | HangFault
  | TruncateImagesFault
  | TruncateAudioFault
  | CutBodyFault
  | CorruptBodyFault
  | LatencyFault;

const chatPath = /(\/chat\/completions|\/api\/chat|\/api\/generate)$/;

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path === undefined) return !("reply" in fault) || chatPath.test(path);
  if (typeof fault.path === "string") return path === fault.path || path.endsWith(fault.path);
  return fault.path.test(path);
}

/** A FIFO queue: each request takes the first fault that matches it. */
export class FaultQueue {
  readonly #entries: { fault: Fault; remaining: number }[] = [];

  add(fault: Fault): void {
    this.#entries.push({ fault, remaining: fault.times ?? 1 });
  }

  take(method: string, path: string): Fault | undefined {
    const index = this.#entries.findIndex((entry) => matches(entry.fault, method, path));
    const entry = this.#entries[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries.splice(index, 1);
    return entry.fault;
  }

  get pending(): number {
    return this.#entries.length;
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
