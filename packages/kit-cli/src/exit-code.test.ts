import { PathError } from "@path/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorMessage } from "./error-message.js";
import { exitCodeFor } from "./exit-code.js";
import { reportError } from "./report-error.js";
import { UsageError } from "./usage-error.js";

afterEach(() => vi.restoreAllMocks());

function stderrOf(run: () => void): string {
  let written = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    written += String(chunk);
    return true;
  });
  run();
  vi.restoreAllMocks();
  return written;
}

describe("exit codes", () => {
  it("is 2 for a wrong command, 130 for Ctrl-C, 1 for a failed call", () => {
    expect(exitCodeFor(new UsageError("unknown option --x"))).toBe(2);
    expect(exitCodeFor(new PathError("invalid-input", "size 0x0"))).toBe(2);
    expect(exitCodeFor(new PathError("unknown-provider", "no such provider"))).toBe(2);
    expect(exitCodeFor(new PathError("aborted", "cancelled"))).toBe(130);
    expect(exitCodeFor(new PathError("rate-limited", "slow down"))).toBe(1);
    expect(exitCodeFor(new Error("boom"))).toBe(1);
  });
});

describe("reportError", () => {
  it("prints one error line with the kit's hint and returns the exit code", () => {
    const hint = (error: unknown) =>
      PathError.isInstance(error) && error.code === "no-provider" ? "\nhint: start one" : "";
    let code = 0;
    const written = stderrOf(() => {
      code = reportError(new PathError("no-provider", "no image provider is set up"), { hint });
    });
    expect(code).toBe(1);
    expect(written).toBe("error: no image provider is set up\nhint: start one\n");
  });

  it("says cancelled after Ctrl-C", () => {
    expect(stderrOf(() => reportError(new PathError("aborted", "aborted")))).toBe("cancelled\n");
  });

  it("shows only the first line of a foreign error, with secrets masked", () => {
    const error = new Error("bad key sk-abcdefghijklmnop\n    at somewhere");
    expect(errorMessage(error)).toBe("bad key [redacted]");
  });
});
