import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TimeoutError } from "./errors.js";
import type { TextCallOptions, TextModel } from "./spec/index.js";
import { generateText } from "./text/generate-text.js";

/** A model that answers only when the test says so; until then it waits, and can report activity. */
function heldModel() {
  let options: TextCallOptions | undefined;
  let answer = () => {};
  let markStarted = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const model: TextModel = {
    specVersion: "v1",
    provider: "scripted",
    modelId: "held",
    doGenerate(callOptions: TextCallOptions) {
      options = callOptions;
      return new Promise((resolve, reject) => {
        answer = () => resolve({ text: "done", finishReason: "stop", usage: {}, warnings: [] });
        callOptions.signal?.addEventListener("abort", () => reject(callOptions.signal?.reason), {
          once: true,
        });
        markStarted();
      });
    },
    doStream: () => Promise.reject(new Error("not used")),
  };
  return { model, started, answer: () => answer(), reportActivity: () => options?.onActivity?.() };
}

// A controllable clock: the test decides how much time passes, so a loaded machine cannot.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the call's timeout", () => {
  it("measures silence: reported activity keeps a long call alive", async () => {
    const held = heldModel();
    const call = generateText({ model: held.model, prompt: "x", timeoutMs: 100, maxRetries: 0 });
    await held.started;
    // 300 ms in all, three times the timeout, but never 100 ms without activity.
    for (let step = 0; step < 5; step++) {
      held.reportActivity();
      await vi.advanceTimersByTimeAsync(60);
    }
    held.answer();
    expect((await call).text).toBe("done");
  });

  it("times out a call that stays silent, as a TimeoutError", async () => {
    const held = heldModel();
    const call = generateText({ model: held.model, prompt: "x", timeoutMs: 100, maxRetries: 0 });
    let settled = false;
    const outcome = call.then(
      () => "answered",
      (error: unknown) => error,
    );
    void outcome.finally(() => {
      settled = true;
    });
    await held.started;
    await vi.advanceTimersByTimeAsync(99);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBeInstanceOf(TimeoutError);
  });
});
