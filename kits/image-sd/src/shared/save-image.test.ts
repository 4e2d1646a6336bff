import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { GeneratedImage, type GenerateImageResult } from "@path/core";
import { fakeImage, useTempDir } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import { saveImage } from "./save-image.js";

const folder = useTempDir("image-save-");
const systemTemp = process.env.TMPDIR;
afterEach(() => {
  if (systemTemp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = systemTemp;
});

function result(): GenerateImageResult {
  const bytes = fakeImage({ prompt: "a fox", width: 64, height: 64 });
  return {
    images: [new GeneratedImage(bytes, 64, 64, 7)],
    warnings: [],
    provider: "hf",
    modelId: "black-forest-labs/FLUX.1-schnell",
    durationMs: 10,
    parameters: {},
    request: { prompt: "a fox", n: 1, seed: 7, initImage: false },
  };
}

describe("saveImage", () => {
  it("keeps a picture that cannot be saved where asked in the temp folder, and says why", async () => {
    // Past the up-front check (a race, a full disk): the folder turned out to be a file.
    const file = join(folder(), "pictures");
    await writeFile(file, "not a folder");
    process.env.TMPDIR = folder(); // os.tmpdir() reads it on every call
    const saved = await saveImage(result(), 0, { directory: file, promptAsWritten: "a fox" });
    expect(saved.recovered).toMatch(/EEXIST|ENOTDIR/);
    expect(saved.path.startsWith(join(folder(), "genai-path-recovered"))).toBe(true);
    expect((await readFile(saved.path)).subarray(1, 4).toString()).toBe("PNG");
    expect(JSON.parse(await readFile(saved.sidecarPath, "utf8"))).toMatchObject({ seed: 7 });
  });
});
