import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelFileError } from "@path/core";
import { makeTinyGguf, type TinyGgufInfo } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectModelFile } from "../inspect-model-file.js";
import { checkFreeMemory, checkModelFile } from "./check-model-file.js";

let folder: string;
let tiny: TinyGgufInfo;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "check-model-file-"));
  tiny = await makeTinyGguf(join(folder, "tiny.gguf"), { contextLength: 512, precision: "f16" });
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function problemWith(path: string): Promise<ModelFileError> {
  const error = await checkModelFile(path).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ModelFileError);
  expect((error as Error).message).toContain(path);
  return error as ModelFileError;
}

describe("checkModelFile", () => {
  it("reads what info shows from a valid model's header", async () => {
    const description = await inspectModelFile(tiny.path);
    expect(description).toMatchObject({
      architecture: "llama",
      name: "tiny-test-model",
      parameters: tiny.parameters,
      contextLength: 512,
      embeddingLength: 64,
      layers: 2,
      vocabularySize: tiny.vocabularySize,
      quantisation: "F16",
      hasChatTemplate: true,
      ggufVersion: 3,
      bytes: tiny.bytes,
    });
  });

  it("names a missing file", async () => {
    expect((await problemWith(join(folder, "nope.gguf"))).problem).toBe("missing");
  });

  it.each([
    ["plain text", "hello, I am not a model", /starts with "hell" instead of "GGUF"/],
    ["an HTML page", "<!DOCTYPE html><html><body>Sign in</body></html>", /HTML page/],
    [
      "a Git LFS pointer",
      "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n",
      /Git LFS pointer/,
    ],
    ["an empty file", "", /empty/],
  ])("says a file that is %s is not GGUF", async (_kind, content, reason) => {
    const path = join(folder, `not-a-model-${content.length}.gguf`);
    await writeFile(path, content);
    const error = await problemWith(path);
    expect(error.problem).toBe("not-gguf");
    expect(error.message).toMatch(reason);
  });

  it("says a file cut inside its tensor data is truncated, with how much is there", async () => {
    const path = join(folder, "cut.gguf");
    await writeFile(path, await readFile(tiny.path));
    await truncate(path, Math.floor(tiny.bytes * 0.6));
    const error = await problemWith(path);
    expect(error.problem).toBe("truncated");
    expect(error.message).toMatch(/\(\d{2}% there\)/);
  });

  it("says a file cut inside its header is not a readable GGUF", async () => {
    const path = join(folder, "header-cut.gguf");
    await writeFile(path, (await readFile(tiny.path)).subarray(0, 200));
    expect((await problemWith(path)).message).toMatch(/header runs past the end/);
  });

  it("refuses a model larger than free memory, with the numbers", () => {
    expect(() => checkFreeMemory("/models/big.gguf", 8e9, 2e9)).toThrow(
      /big\.gguf needs about 8\.9 GB of memory but only 2\.0 GB is free/,
    );
    expect(() => checkFreeMemory("/models/small.gguf", 4e8, 2e9)).not.toThrow();
  });
});
