import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTinyGguf } from "./make-tiny-gguf.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "tiny-gguf-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const sha = async (path: string) =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex");

describe("makeTinyGguf", () => {
  it("writes the same bytes for the same options, and different weights for another seed", async () => {
    const first = await makeTinyGguf(join(folder, "a.gguf"));
    const second = await makeTinyGguf(join(folder, "b.gguf"));
    const reseeded = await makeTinyGguf(join(folder, "c.gguf"), { seed: 43 });
    expect(await sha(first.path)).toBe(await sha(second.path));
    expect(await sha(reseeded.path)).not.toBe(await sha(first.path));
    expect(first.bytes).toBe(reseeded.bytes);
  });

  it("has a real tokenizer: byte tokens, a few hundred merges, ChatML control tokens last", async () => {
    const info = await makeTinyGguf(join(folder, "tokens.gguf"));
    expect(info.vocabularySize).toBeGreaterThan(400);
    expect(info.eosTokenId).toBe(info.vocabularySize - 1);
    const bytes = await readFile(info.path);
    expect(bytes.subarray(0, 4).toString()).toBe("GGUF");
    expect(bytes.includes("<|im_start|>")).toBe(true);
    expect(bytes.includes("tokenizer.chat_template")).toBe(true);
  });

  it("grows into a real-shaped model for benchmarks", async () => {
    const info = await makeTinyGguf(join(folder, "big.gguf"), {
      embeddingLength: 128,
      blockCount: 3,
      headCount: 4,
      headCountKv: 2,
      vocabularySize: 4096,
      precision: "f16",
      tiedEmbeddings: true,
    });
    expect(info.vocabularySize).toBe(4096);
    expect(info.parameters).toBe(
      128 * 4096 + 3 * (2 * 128 + 2 * 128 * 128 + 2 * 128 * 64 + 3 * 128 * 384) + 128,
    );
    expect(info.bytes).toBeGreaterThan(info.parameters * 2);
  });
});
