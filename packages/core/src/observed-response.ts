/**
 * Some client libraries drop the response headers and body of an HTTP error (the Retry-After
 * a 429 carried, the HTML page a proxy sent). Core's fetch wrapper notes them for the call
 * in progress, so error mapping and the retry layer see them for every provider alike.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { retryAfterFrom } from "./retry-after.js";

export interface ObservedResponse {
  status: number;
  retryAfterMs?: number;
  contentType?: string;
}

const current = new AsyncLocalStorage<{ last?: ObservedResponse }>();

/** Run one attempt, collecting what its failed HTTP responses said. */
export async function observeResponses<T>(
  run: () => Promise<T>,
): Promise<{ result?: T; error?: unknown; observed?: ObservedResponse }> {
  const record: { last?: ObservedResponse } = {};
  try {
    const result = await current.run(record, run);
    return { result };
  } catch (error) {
    return { error, observed: record.last };
  }
}

/** Wrap a fetch so failed responses are noted for the attempt in progress. */
export function observingFetch(base: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const record = current.getStore();
    if (record && !response.ok) {
      record.last = {
        status: response.status,
        retryAfterMs: retryAfterFrom(response.headers),
        contentType: response.headers.get("content-type") ?? undefined,
      };
    }
    return response;
  };
}
