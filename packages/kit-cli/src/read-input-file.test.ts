import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInputFile } from "./read-input-file.js";
import { UsageError } from "./usage-error.js";

describe("readInputFile", () => {
  it("reads the bytes of a file the user named", async () => {
    const bytes = await readInputFile(new URL(import.meta.url).pathname);
    expect(bytes.toString("utf8")).toContain("readInputFile");
  });

  it("says a folder is a folder, as a usage error", async () => {
    const error = await readInputFile(tmpdir()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`cannot read ${tmpdir()}: it is a folder, not a file`);
  });

  it("says a missing file is missing, as a usage error", async () => {
    const missing = join(tmpdir(), "genai-path-no-such-file.wav");
    await expect(readInputFile(missing)).rejects.toThrow(
      `cannot read ${missing}: no such file, or no permission`,
    );
  });
});
