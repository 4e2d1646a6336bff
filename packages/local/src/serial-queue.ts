/**
 * Runs tasks one at a time, in order. A llama context sequence holds one conversation's
 * state, so two requests must never evaluate on it at once.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;

  /** Requests queued or running. */
  get size(): number {
    return this.#waiting;
  }

  /**
   * Runs `task` after every task queued before it. When `signal` aborts while the task is
   * still waiting, the returned promise rejects at once and the task never runs.
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal, onAbort?: () => unknown): Promise<T> {
    this.#waiting++;
    const turn = this.#tail.then(() => {
      if (signal?.aborted) throw onAbort?.() ?? signal.reason;
      return task();
    });
    const finished = turn.finally(() => {
      this.#waiting--;
    });
    this.#tail = finished.catch(() => {});
    if (!signal) return finished;
    return new Promise<T>((resolve, reject) => {
      const abort = () => reject(onAbort?.() ?? signal.reason);
      if (signal.aborted) abort();
      signal.addEventListener("abort", abort, { once: true });
      finished.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
    });
  }
}
