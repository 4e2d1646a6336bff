/**
 * The one retry layer. Client libraries have their own retries switched off so they never
 * stack with this one.
 */
import { AbortedError, ApiCallError, type PathError } from "./errors.js";

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** First backoff in ms; doubles each retry. Default 500. */
  initialDelayMs?: number;
  /** Longest wait between attempts, also the cap on `Retry-After`. Default 30 s. */
  maxDelayMs?: number;
  signal?: AbortSignal;
  /**
   * Which failures are worth another attempt. Default: the error's `isRetryable`. A caller
   * with its own notion (the downloader resumes cut transfers only) narrows it here, so the
   * waiting between attempts stays this layer's.
   */
  shouldRetry?: (error: unknown) => boolean;
  onRetry?: (info: { attempt: number; delayMs: number; error: PathError }) => void;
}

export const defaultRetry = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error or runs out of retries.
 * `attempt` must throw `PathError`s (map client errors before they reach here).
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxRetries = options.maxRetries ?? defaultRetry.maxRetries;
  for (let attemptNumber = 0; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const pathError = error as PathError;
      const retryable = options.shouldRetry?.(error) ?? pathError.isRetryable;
      if (!retryable || attemptNumber >= maxRetries || options.signal?.aborted) {
        throw error;
      }
      const delayMs = backoffDelay(attemptNumber, pathError, options);
      options.onRetry?.({ attempt: attemptNumber + 1, delayMs, error: pathError });
      await sleep(delayMs, options.signal);
    }
  }
}

/** Exponential backoff with jitter, or the server's `Retry-After` when it sent one. */
export function backoffDelay(
  attemptNumber: number,
  error: PathError,
  options: Pick<RetryOptions, "initialDelayMs" | "maxDelayMs"> = {},
): number {
  const maxDelay = options.maxDelayMs ?? defaultRetry.maxDelayMs;
  if (error instanceof ApiCallError && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, maxDelay);
  }
  const base = (options.initialDelayMs ?? defaultRetry.initialDelayMs) * 2 ** attemptNumber;
  return Math.min(base, maxDelay) * (0.75 + Math.random() * 0.25);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(new AbortedError());
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
