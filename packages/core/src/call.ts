/**
 * What every generate* function does around the adapter call, the same for every provider:
 * events, per-attempt timeout, abort, error mapping and the one retry layer.
 */
import { createDeadline, type Deadline } from "./deadline.js";
import { type Cost, type EventListener, emitEvent, newCallId, type PathEvent } from "./events.js";
import { toPathError } from "./map-error.js";
import { estimateCost } from "./prices.js";
import { type RetryOptions, withRetry } from "./retry.js";
import type { CallSettings, Job, ProviderOptions, Usage } from "./spec/index.js";

/** Options every generate* function takes. */
export interface CallOptions {
  /** Cancel the call (Ctrl-C, a closed connection). */
  signal?: AbortSignal;
  /** Longest wait for one attempt, or for the next part of a stream. */
  timeoutMs?: number;
  /** Retries on 408/409/429/5xx and connection errors. Default 2. */
  maxRetries?: number;
  /** Extra HTTP headers. */
  headers?: Record<string, string>;
  /** Vendor-only settings, keyed by provider id. */
  providerOptions?: ProviderOptions;
  /** This call's events (start, retry, progress, usage, finish). */
  onEvent?: EventListener;
}

export class Call {
  readonly callId = newCallId();
  private readonly startedAt = performance.now();

  constructor(
    readonly job: Job,
    readonly provider: string,
    readonly modelId: string,
    private readonly options: CallOptions,
    private readonly defaultTimeoutMs: number,
  ) {
    this.emit({ type: "start" });
  }

  get durationMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  emit(event: DistributiveOmit<PathEvent, "callId" | "job" | "provider" | "modelId">): void {
    // One literal with one spread: merging two spread objects costs V8's slow path, µs per event.
    const full = {
      callId: this.callId,
      job: this.job,
      provider: this.provider,
      modelId: this.modelId,
      ...event,
    };
    emitEvent(full as PathEvent, this.options.onEvent);
  }

  /** A deadline for one attempt, combined with the caller's signal. */
  deadline(): Deadline {
    return createDeadline(this.options.signal, this.options.timeoutMs ?? this.defaultTimeoutMs);
  }

  /** Settings passed to the adapter for one attempt. */
  settings(deadline: Deadline): CallSettings {
    return {
      signal: deadline.signal,
      headers: this.options.headers,
      providerOptions: this.options.providerOptions,
      onActivity: deadline.touch,
    };
  }

  /** Map anything thrown during an attempt to a PathError. */
  mapError(error: unknown, deadline?: Deadline) {
    return toPathError(error, {
      provider: this.provider,
      signal: this.options.signal,
      timedOutAfterMs: deadline?.timedOut
        ? (this.options.timeoutMs ?? this.defaultTimeoutMs)
        : undefined,
    });
  }

  /**
   * Run an adapter call with timeout, retries and error mapping. `shouldRetry` narrows which
   * failures are tried again (a submit that may have been billed is not).
   */
  run<T>(
    attempt: (settings: CallSettings) => Promise<T>,
    shouldRetry?: RetryOptions["shouldRetry"],
  ): Promise<T> {
    return withRetry(
      async () => {
        const deadline = this.deadline();
        try {
          return await attempt(this.settings(deadline));
        } catch (error) {
          throw this.mapError(error, deadline);
        } finally {
          deadline.clear();
        }
      },
      {
        maxRetries: this.options.maxRetries,
        signal: this.options.signal,
        shouldRetry,
        onRetry: ({ attempt, delayMs, error }) =>
          this.emit({ type: "retry", attempt, delayMs, error }),
      },
    ).catch((error: Error) => {
      this.fail(error);
      throw error;
    });
  }

  /** Report usage and success; returns the estimated cost. */
  finish(usage?: Usage): Cost | undefined {
    const cost = usage ? estimateCost(this.provider, this.modelId, usage) : undefined;
    if (usage) this.emit({ type: "usage", usage, cost });
    this.emit({ type: "finish", durationMs: this.durationMs });
    return cost;
  }

  fail(error: Error): void {
    this.emit({ type: "error", durationMs: this.durationMs, error });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
