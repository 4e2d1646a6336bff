import { AsyncLocalStorage } from "node:async_hooks";

/** A failed HTTP answer seen during the call, since the Gradio client hides status codes. */
export interface FailedResponse {
  status: number;
  url: string;
  contentType?: string;
  retryAfterMs?: number;
}

/**
 * One adapter call as the shared Gradio client's fetch sees it: its signal and headers go on
 * every request the call makes, and the last failed response is kept for error mapping.
 */
export interface GradioCallContext {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  failure?: FailedResponse;
}

export const gradioCall = new AsyncLocalStorage<GradioCallContext>();
