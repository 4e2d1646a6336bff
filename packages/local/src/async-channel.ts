/**
 * A push-to-pull bridge: a producer pushes values (text chunks from llama.cpp's callbacks), a
 * consumer reads them with `for await`. When the consumer stops early, `onCancel` runs so the
 * producer can stop generating.
 */
export class AsyncChannel<T> implements AsyncIterable<T> {
  #buffer: T[] = [];
  #done = false;
  #error: unknown;
  #wake: (() => void) | undefined;

  constructor(private readonly onCancel: () => void = () => {}) {}

  push(value: T): void {
    if (this.#done) return;
    this.#buffer.push(value);
    this.#wake?.();
  }

  /** Ends the stream; with an error, the consumer's loop throws it after the buffered values. */
  close(error?: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#error = error;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let finished = false;
    try {
      for (;;) {
        while (this.#buffer.length > 0) yield this.#buffer.shift() as T;
        if (this.#done) {
          finished = true;
          if (this.#error !== undefined) throw this.#error;
          return;
        }
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
    } finally {
      if (!finished) this.onCancel();
    }
  }
}
