import { describe, expect, it } from "vitest";
import { TimeoutError } from "./errors.js";
import type { TextCallOptions, TextModel } from "./spec/index.js";
import { generateText } from "./text/generate-text.js";

/** A model that works for `workMs` before answering, reporting activity if asked to. */
function slowModel(workMs: number, reportsActivity: boolean): TextModel {
  return {
    specVersion: "v1",
    provider: "scripted",
    modelId: "slow",
    async doGenerate(options: TextCallOptions) {
      const started = Date.now();
      while (Date.now() - started < workMs) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (reportsActivity) options.onActivity?.();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { text: "done", finishReason: "stop", usage: {}, warnings: [] };
    },
    doStream: () => Promise.reject(new Error("not used")),
  };
}

describe("the call's timeout", () => {
  it("measures silence: reported activity keeps a long call alive", async () => {
    const result = await generateText({ model: slowModel(300, true), prompt: "x", timeoutMs: 100 });
    expect(result.text).toBe("done");
  });

  it("times out a call that stays silent, as a TimeoutError", async () => {
    await expect(
      generateText({ model: slowModel(300, false), prompt: "x", timeoutMs: 100, maxRetries: 0 }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });
});
