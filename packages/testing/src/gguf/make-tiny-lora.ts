/**
 * Synthesises a LoRA adapter GGUF for the tiny model of make-tiny-gguf.ts: `lora_a`/`lora_b`
 * for the output layer, big enough to change what greedy decoding picks. llama.cpp checks an
 * adapter's architecture and that `lora_a` is [in, rank] and `lora_b` is [rank, out] for the
 * tensor it adapts (src/llama-adapter.cpp); a different `embeddingLength` makes a mismatched one.
 */
import { type GgufTensor, writeGguf } from "./gguf-writer.js";
import { fillNormal, seededRandom } from "./seeded-random.js";

export interface TinyLoraOptions {
  /** Hidden size of the base model it is for. Default 64 (make-tiny-gguf's default). */
  embeddingLength?: number;
  /** Vocabulary size of the base model (TinyGgufInfo.vocabularySize). */
  vocabularySize: number;
  /** Rank of the update. Default 4. */
  rank?: number;
  /** `adapter.lora.alpha`; llama.cpp scales the update by alpha / rank. Default = rank. */
  alpha?: number;
  /** Architecture it claims. Default "llama". */
  architecture?: string;
  /** Weight seed: the same options give a byte-identical file. Default 7. */
  seed?: number;
}

export async function makeTinyLora(path: string, options: TinyLoraOptions): Promise<number> {
  const embedding = options.embeddingLength ?? 64;
  const rank = options.rank ?? 4;
  const random = seededRandom(options.seed ?? 7);
  const normal = (name: string, shape: [number, number], deviation: number): GgufTensor => ({
    name,
    shape,
    type: "f32",
    values: () => {
      const values = new Float32Array(shape[0] * shape[1]);
      fillNormal(values, random, deviation);
      return values;
    },
  });
  // The base's logits have a spread of about 1; an update of a few units reorders them.
  return writeGguf(
    path,
    [
      ["general.architecture", { type: "string", value: options.architecture ?? "llama" }],
      ["general.type", { type: "string", value: "adapter" }],
      ["general.name", { type: "string", value: "tiny-test-lora" }],
      ["general.alignment", { type: "uint32", value: 32 }],
      ["adapter.type", { type: "string", value: "lora" }],
      ["adapter.lora.alpha", { type: "float32", value: options.alpha ?? rank }],
    ],
    [
      normal("output.weight.lora_a", [embedding, rank], 1),
      normal("output.weight.lora_b", [rank, options.vocabularySize], 1),
    ],
  );
}
