import { describe, expect, it } from "vitest";
import { durationText } from "./duration-text.js";
import { TimeoutError } from "./errors.js";

describe("durationText", () => {
  it("reads a sub-second value in ms, not as 0 s", () => {
    expect(durationText(200)).toBe("200 ms");
    expect(durationText(999.6)).toBe("1000 ms");
  });

  it("reads longer values in seconds with at most one decimal", () => {
    expect(durationText(1000)).toBe("1 s");
    expect(durationText(1500)).toBe("1.5 s");
    expect(durationText(60_000)).toBe("60 s");
  });
});

describe("TimeoutError", () => {
  it("reports a 200 ms timeout as 200 ms, not 0 s", () => {
    expect(new TimeoutError("ollama", 200).message).toMatch(
      /^ollama did not answer within 200 ms\./,
    );
    expect(new TimeoutError("ollama", 120_000).message).toMatch(/within 120 s\./);
  });
});
