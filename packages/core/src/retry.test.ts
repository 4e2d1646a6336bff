import { describe, expect, it, vi } from "vitest";
import { ApiCallError, ConnectionError, InvalidInputError } from "./errors.js";
import { backoffDelay, withRetry } from "./retry.js";

const apiError = (status: number, retryAfterMs?: number) =>
  new ApiCallError({ provider: "test", status, message: "x", retryAfterMs });

describe("withRetry", () => {
  it("retries 429, 5xx and connection errors, then succeeds", async () => {
    const failures = [apiError(429, 1), apiError(503, 1), new ConnectionError("test", "refused")];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        const failure = failures.shift();
        if (failure) throw failure;
        return "ok";
      },
      { maxRetries: 3, initialDelayMs: 1 },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(4);
  });

  it("does not retry other 4xx or bad input", async () => {
    for (const error of [
      apiError(400),
      apiError(401),
      apiError(404),
      new InvalidInputError("empty"),
    ]) {
      let calls = 0;
      await expect(
        withRetry(async () => {
          calls++;
          throw error;
        }),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it("retries 408 and 409, not 422", async () => {
    const attempts = async (status: number) => {
      let calls = 0;
      const result = await withRetry(
        async () => {
          calls++;
          if (calls === 1) throw apiError(status, 1);
          return "ok";
        },
        { maxRetries: 2 },
      ).catch((error: unknown) => error);
      return { calls, result };
    };
    expect(await attempts(408)).toEqual({ calls: 2, result: "ok" });
    expect(await attempts(409)).toEqual({ calls: 2, result: "ok" });
    expect(await attempts(422)).toEqual({ calls: 1, result: expect.any(ApiCallError) });
  });

  it("gives up after maxRetries and reports each retry", async () => {
    const seen: number[] = [];
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw apiError(500);
        },
        { maxRetries: 2, initialDelayMs: 1, onRetry: ({ attempt }) => seen.push(attempt) },
      ),
    ).rejects.toBeInstanceOf(ApiCallError);
    expect(calls).toBe(3);
    expect(seen).toEqual([1, 2]);
  });

  it("retries what the caller's shouldRetry accepts, and only that", async () => {
    const refused = new ConnectionError("test", "refused");
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw calls === 1 ? apiError(503, 1) : refused;
        },
        { maxRetries: 3, shouldRetry: (error) => error instanceof ApiCallError },
      ),
    ).rejects.toBe(refused);
    expect(calls).toBe(2);
  });

  it("stops waiting when the caller aborts", async () => {
    // A fake clock: the 60 s wait never ends by itself, so only the abort can end the call.
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      let calls = 0;
      let waitsAtAbort = 0;
      const abortWhileWaiting = () =>
        queueMicrotask(() => {
          waitsAtAbort = vi.getTimerCount();
          controller.abort();
        });
      const call = withRetry(
        async () => {
          calls++;
          throw apiError(503, 60_000);
        },
        { signal: controller.signal, onRetry: abortWhileWaiting },
      );
      await expect(call).rejects.toMatchObject({ code: "aborted" });
      expect({ calls, waitsAtAbort, waitsAfter: vi.getTimerCount() }).toEqual({
        calls: 1,
        waitsAtAbort: 1,
        waitsAfter: 0,
      });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("backoffDelay", () => {
  it("honours Retry-After, capped", () => {
    expect(backoffDelay(0, apiError(429, 1500))).toBe(1500);
    expect(backoffDelay(0, apiError(429, 10 * 60_000), { maxDelayMs: 30_000 })).toBe(30_000);
  });

  it("grows exponentially with jitter", () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const delay = backoffDelay(attempt, apiError(500), { initialDelayMs: 100 });
      expect(delay).toBeGreaterThanOrEqual(100 * 2 ** attempt * 0.75);
      expect(delay).toBeLessThanOrEqual(100 * 2 ** attempt);
    }
  });
});
