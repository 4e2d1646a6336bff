import { describe, expect, it } from "vitest";
import { formatBytes } from "./format-bytes.js";

describe("formatBytes", () => {
  it("writes decimal sizes with one decimal below 10 and whole numbers above", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(682_000)).toBe("682 KB");
    expect(formatBytes(491_400_032)).toBe("491 MB");
    expect(formatBytes(2e9)).toBe("2.0 GB");
    expect(formatBytes(8.9e9)).toBe("8.9 GB");
  });

  it("moves up a unit instead of printing 1000", () => {
    expect(formatBytes(999_700)).toBe("1.0 MB");
    expect(formatBytes(9_960)).toBe("10 KB");
  });

  it("counts in 1024s for sizes given in KiB", () => {
    expect(formatBytes(512 * 1024, { binary: true })).toBe("512 KB");
    expect(formatBytes(24 * 1024, { binary: true })).toBe("24 KB");
    expect(formatBytes(6.46 * 1024 ** 3, { binary: true })).toBe("6.5 GB");
  });
});
