/**
 * One attempt's abort signal: fires when the caller aborts or when `timeoutMs` passes without
 * `touch()` (streams touch on every part, so the timeout means "silent for too long").
 */
export interface Deadline {
  signal: AbortSignal;
  /** True when the timeout, not the caller, aborted. */
  readonly timedOut: boolean;
  touch(): void;
  clear(): void;
}

export function createDeadline(callerSignal: AbortSignal | undefined, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref?.();
  };
  if (callerSignal?.aborted) controller.abort(callerSignal.reason);
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  arm();
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    // refresh() restarts the same timer: cheap enough to call for every streamed token.
    touch: () => {
      if (!controller.signal.aborted) timer?.refresh();
    },
    clear: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
