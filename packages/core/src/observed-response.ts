/**
 * Some client libraries drop the headers and body of an HTTP error (the Retry-After a 429
 * carried, the HTML page a proxy sent). An adapter for such a client wraps the fetch of one
 * call in a `ResponseObserver` and annotates the error it throws; `toPathError` reads it.
 */
import { retryAfterFrom } from "./retry-after.js";

export interface ObservedResponse {
  status: number;
  retryAfterMs?: number;
  contentType?: string;
}

const observedKey = Symbol.for("genai-path.observed-response");

/** Notes the last failed HTTP answer that passes through the fetch it wraps. */
export class ResponseObserver {
  last: ObservedResponse | undefined;

  wrap(base: typeof globalThis.fetch): typeof globalThis.fetch {
    return async (input, init) => {
      const response = await base(input, init);
      if (!response.ok) {
        this.last = {
          status: response.status,
          retryAfterMs: retryAfterFrom(response.headers),
          contentType: response.headers.get("content-type") ?? undefined,
        };
      }
      return response;
    };
  }

  /** Attach what was seen to an error thrown during the call. Returns the error. */
  annotate(error: unknown): unknown {
    if (this.last && typeof error === "object" && error !== null) {
      Object.defineProperty(error, observedKey, { value: this.last, configurable: true });
    }
    return error;
  }
}

/** What a `ResponseObserver` attached to an error, if anything. */
export function observedResponseOf(error: unknown): ObservedResponse | undefined {
  return typeof error === "object" && error !== null
    ? (error as { [observedKey]?: ObservedResponse })[observedKey]
    : undefined;
}
