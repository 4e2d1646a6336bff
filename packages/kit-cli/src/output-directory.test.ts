import { mkdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outputDirectory } from "./output-directory.js";
import { UsageError } from "./usage-error.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "kit-cli-out-"));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe("outputDirectory", () => {
  it("accepts a folder that exists, and one that can be made inside a writable folder", () => {
    expect(outputDirectory(folder)).toBe(folder);
    expect(outputDirectory(join(folder, "new", "deeper"))).toBe(join(folder, "new", "deeper"));
  });

  it("refuses an --out named like a file that is not a folder yet", () => {
    expect(() => outputDirectory(join(folder, "song.mp3"))).toThrow(
      /looks like a file name; --out takes a folder/,
    );
    mkdirSync(join(folder, "takes.wav"), { recursive: true });
    expect(outputDirectory(join(folder, "takes.wav"))).toBe(join(folder, "takes.wav"));
  });

  it("refuses a file where the folder should be, and a folder that would go under a file", async () => {
    const file = join(folder, "taken.png");
    await writeFile(file, "x");
    expect(() => outputDirectory(file)).toThrow(UsageError);
    expect(() => outputDirectory(file)).toThrow(`--out ${file} is a file, not a folder`);
    expect(() => outputDirectory(join(file, "pictures"))).toThrow(
      `cannot make the folder --out ${join(file, "pictures")}: ${file} is a file, not a folder`,
    );
  });
});
