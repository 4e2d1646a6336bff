import { describe, expect, it } from "vitest";
import { formatDuration, formatTimeLeft } from "./format-duration.js";
import { formatGenerationProgress, formatProgressBar, progressFraction } from "./progress-bar.js";

const megabyte = 1_000_000;

describe("progress bar", () => {
  it("shows a download's bytes and speed, and its size when known", () => {
    expect(
      formatProgressBar(
        {
          downloadedBytes: 300 * megabyte,
          totalBytes: 1200 * megabyte,
          bytesPerSecond: 2.5 * megabyte,
        },
        8,
      ),
    ).toBe("[##------]   25%  300 MB / 1.2 GB  2.5 MB/s");
    expect(formatProgressBar({ downloadedBytes: 3 * megabyte }, 4)).toBe("[----]    0%  3.0 MB");
  });

  it("shows a generation's fraction, message and ETA, and no ETA once done", () => {
    expect(formatProgressBar({ fraction: 0.5, message: "step 10/20", etaSeconds: 95 }, 4)).toBe(
      "[##--]   50%  step 10/20  ETA 1 min 35 s",
    );
    expect(formatProgressBar({ fraction: 1, etaSeconds: 0 }, 4)).toBe("[####]  100%");
  });

  it("shows the queue place or the message until a fraction is known", () => {
    expect(formatGenerationProgress({ queuePosition: 3, message: "queued" })).toBe(
      "queue position 3",
    );
    expect(formatGenerationProgress({ message: "loading model" })).toBe("loading model");
    expect(formatGenerationProgress({})).toBe("");
    expect(formatGenerationProgress({ fraction: 0.25 })).toBe("[#####---------------]   25%");
  });

  it("takes the fraction, else the bytes, kept within 0..1", () => {
    expect(progressFraction({ downloadedBytes: 1, totalBytes: 4 })).toBe(0.25);
    expect(progressFraction({ fraction: 1.2 })).toBe(1);
    expect(progressFraction({ downloadedBytes: 5 })).toBe(0);
  });
});

describe("durations", () => {
  it("writes how long something took and how long it still takes", () => {
    expect(formatDuration(420)).toBe("0.42 s");
    expect(formatDuration(1340)).toBe("1.3 s");
    expect(formatTimeLeft(27.4)).toBe("27 s");
    expect(formatTimeLeft(65)).toBe("1 min 05 s");
  });
});
