/** The synthesised models the benchmark runs on (random weights, so it runs offline). */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeTinyGguf, type TinyGgufInfo, type TinyGgufOptions } from "@path/testing";

export const contextSize = 2048;

const shapes: Record<string, TinyGgufOptions> = {
  tiny: {},
  small: {
    embeddingLength: 256,
    blockCount: 4,
    headCount: 4,
    vocabularySize: 8_000,
    precision: "f16",
    tiedEmbeddings: true,
  },
  medium: {
    embeddingLength: 512,
    blockCount: 8,
    headCount: 8,
    headCountKv: 4,
    feedForwardLength: 1536,
    vocabularySize: 32_000,
    precision: "f16",
    tiedEmbeddings: true,
  },
};

export const sizes = Object.keys(shapes);

/** Writes (deterministically, so rewriting is harmless) the model of this size to tmpdir. */
export async function benchModel(size: string): Promise<TinyGgufInfo> {
  const shape = shapes[size];
  if (!shape) throw new Error(`--size must be one of ${sizes.join(", ")}`);
  return makeTinyGguf(join(tmpdir(), `genai-path-bench-${size}.gguf`), {
    contextLength: contextSize,
    ...shape,
  });
}

export const system = "You are a helpful assistant. Answer in one short paragraph.";

/** A different question each round, so every round evaluates a new prompt. */
export const question = (round: number) =>
  `(${round}) Explain what a context window is, why small models forget earlier turns, and what to do about it.`;
