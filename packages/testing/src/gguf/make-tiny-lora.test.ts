import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTinyLora } from "./make-tiny-lora.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "tiny-lora-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const sha = async (path: string) =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex");

describe("makeTinyLora", () => {
  it("writes the same bytes for the same options, and other weights for another seed", async () => {
    const [first, second, other] = ["a", "b", "c"].map((name) => join(folder, `${name}.gguf`));
    await makeTinyLora(first as string, { vocabularySize: 300 });
    await makeTinyLora(second as string, { vocabularySize: 300 });
    await makeTinyLora(other as string, { vocabularySize: 300, seed: 8 });
    expect(await sha(first as string)).toBe(await sha(second as string));
    expect(await sha(other as string)).not.toBe(await sha(first as string));
    // Its layout is checked by llama.cpp itself in @path/local's lora tests.
    const bytes = await readFile(first as string);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("GGUF");
    expect(bytes.includes(Buffer.from("output.weight.lora_b"))).toBe(true);
  });
});
