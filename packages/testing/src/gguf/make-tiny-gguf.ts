/**
 * Synthesises a tiny but valid llama-architecture GGUF model: real GPT-2 byte-level BPE
 * tokenizer data, a ChatML chat template and seeded random weights. llama.cpp loads it,
 * chats with it, constrains it with grammars and embeds with it; the text it writes is noise.
 */
import { learnByteLevelBpe } from "./byte-level-bpe.js";
import { type GgufTensor, type GgufValue, writeGguf } from "./gguf-writer.js";
import { fillNormal, seededRandom } from "./seeded-random.js";
import { tinyCorpus } from "./tiny-corpus.js";

export interface TinyGgufOptions {
  /** Context length the model says it was trained with. Default 1024. */
  contextLength?: number;
  /** Hidden size. Default 64. */
  embeddingLength?: number;
  /** Transformer layers. Default 2. */
  blockCount?: number;
  /** Attention heads. Default 4; the head size is embeddingLength / headCount. */
  headCount?: number;
  /** Key/value heads (fewer than headCount = grouped-query attention). Default headCount. */
  headCountKv?: number;
  /** Feed-forward size. Default 3 × embeddingLength. */
  feedForwardLength?: number;
  /** BPE merges to learn from the built-in corpus (at most a few hundred). Default 237. */
  mergeCount?: number;
  /** Pad the vocabulary with unused tokens up to this size (for real-shaped benchmark models). */
  vocabularySize?: number;
  /** Weight seed: the same options always give a byte-identical file. Default 42. */
  seed?: number;
  /** Reuse the token embeddings as the output layer (no `output.weight`). Default false. */
  tiedEmbeddings?: boolean;
  /** Storage type of the matrices. Default "f32". */
  precision?: "f32" | "f16";
  /** Jinja chat template; `false` leaves it out. Default ChatML. */
  chatTemplate?: string | false;
}

export interface TinyGgufInfo {
  path: string;
  bytes: number;
  parameters: number;
  vocabularySize: number;
  contextLength: number;
  embeddingLength: number;
  bosTokenId: number;
  eosTokenId: number;
}

/** ChatML, the format Qwen uses; node-llama-cpp recognises it from this template. */
export const chatmlTemplate =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const controlTokens = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"];

/** Writes the model to `path` (atomically) and says what it wrote. */
export async function makeTinyGguf(
  path: string,
  options: TinyGgufOptions = {},
): Promise<TinyGgufInfo> {
  const embedding = options.embeddingLength ?? 64;
  const blocks = options.blockCount ?? 2;
  const heads = options.headCount ?? 4;
  const kvHeads = options.headCountKv ?? heads;
  const feedForward = options.feedForwardLength ?? embedding * 3;
  const contextLength = options.contextLength ?? 1024;
  const headSize = embedding / heads;
  if (!Number.isInteger(headSize))
    throw new Error("embeddingLength must be a multiple of headCount");

  const { tokens, merges } = learnByteLevelBpe(tinyCorpus, options.mergeCount ?? 237);
  const padding = Math.max(0, (options.vocabularySize ?? 0) - tokens.length - controlTokens.length);
  for (let index = 0; index < padding; index++) tokens.push(`<|unused_${index}|>`);
  const tokenTypes: number[] = tokens.map((_, index) => (index < tokens.length - padding ? 1 : 5));
  const bosTokenId = tokens.length;
  const eosTokenId = tokens.length + 2;
  tokens.push(...controlTokens);
  tokenTypes.push(3, 3, 3);
  const vocabulary = tokens.length;

  const metadata: [string, GgufValue][] = [
    ["general.architecture", { type: "string", value: "llama" }],
    ["general.name", { type: "string", value: "tiny-test-model" }],
    ["general.alignment", { type: "uint32", value: 32 }],
    ["general.file_type", { type: "uint32", value: options.precision === "f16" ? 1 : 0 }],
    ["llama.vocab_size", { type: "uint32", value: vocabulary }],
    ["llama.context_length", { type: "uint32", value: contextLength }],
    ["llama.embedding_length", { type: "uint32", value: embedding }],
    ["llama.block_count", { type: "uint32", value: blocks }],
    ["llama.feed_forward_length", { type: "uint32", value: feedForward }],
    ["llama.attention.head_count", { type: "uint32", value: heads }],
    ["llama.attention.head_count_kv", { type: "uint32", value: kvHeads }],
    // llama.cpp refuses a llama model whose rope dimension differs from the head size.
    ["llama.rope.dimension_count", { type: "uint32", value: headSize }],
    ["llama.rope.freq_base", { type: "float32", value: 10000 }],
    ["llama.attention.layer_norm_rms_epsilon", { type: "float32", value: 1e-5 }],
    ["tokenizer.ggml.model", { type: "string", value: "gpt2" }],
    ["tokenizer.ggml.pre", { type: "string", value: "gpt-2" }],
    ["tokenizer.ggml.tokens", { type: "string[]", value: tokens }],
    ["tokenizer.ggml.token_type", { type: "int32[]", value: tokenTypes }],
    ["tokenizer.ggml.merges", { type: "string[]", value: merges }],
    ["tokenizer.ggml.bos_token_id", { type: "uint32", value: bosTokenId }],
    ["tokenizer.ggml.eos_token_id", { type: "uint32", value: eosTokenId }],
    ["tokenizer.ggml.padding_token_id", { type: "uint32", value: bosTokenId }],
    ["tokenizer.ggml.add_bos_token", { type: "bool", value: false }],
  ];
  const template = options.chatTemplate ?? chatmlTemplate;
  if (template !== false)
    metadata.push(["tokenizer.chat_template", { type: "string", value: template }]);

  const random = seededRandom(options.seed ?? 42);
  const matrixType = options.precision ?? "f32";
  const projection = 1 / Math.sqrt(embedding);
  const residual = projection / Math.sqrt(2 * blocks);
  const normal = (name: string, shape: number[], deviation: number): GgufTensor => ({
    name,
    shape,
    type: matrixType,
    values: () => {
      const values = new Float32Array(shape.reduce((product, size) => product * size, 1));
      fillNormal(values, random, deviation);
      return values;
    },
  });
  const ones = (name: string): GgufTensor => ({
    name,
    shape: [embedding],
    type: "f32",
    values: () => new Float32Array(embedding).fill(1),
  });

  const tensors: GgufTensor[] = [normal("token_embd.weight", [embedding, vocabulary], projection)];
  for (let block = 0; block < blocks; block++) {
    const prefix = `blk.${block}`;
    tensors.push(
      ones(`${prefix}.attn_norm.weight`),
      normal(`${prefix}.attn_q.weight`, [embedding, embedding], projection),
      normal(`${prefix}.attn_k.weight`, [embedding, headSize * kvHeads], projection),
      normal(`${prefix}.attn_v.weight`, [embedding, headSize * kvHeads], projection),
      normal(`${prefix}.attn_output.weight`, [embedding, embedding], residual),
      ones(`${prefix}.ffn_norm.weight`),
      normal(`${prefix}.ffn_gate.weight`, [embedding, feedForward], projection),
      normal(`${prefix}.ffn_up.weight`, [embedding, feedForward], projection),
      normal(`${prefix}.ffn_down.weight`, [feedForward, embedding], residual),
    );
  }
  tensors.push(ones("output_norm.weight"));
  if (!options.tiedEmbeddings)
    tensors.push(normal("output.weight", [embedding, vocabulary], projection));

  const bytes = await writeGguf(path, metadata, tensors);
  const parameters = tensors.reduce(
    (sum, tensor) => sum + tensor.shape.reduce((product, size) => product * size, 1),
    0,
  );
  return {
    path,
    bytes,
    parameters,
    vocabularySize: vocabulary,
    contextLength,
    embeddingLength: embedding,
    bosTokenId,
    eosTokenId,
  };
}
