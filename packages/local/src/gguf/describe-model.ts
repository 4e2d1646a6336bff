import { fileTypeName, ggmlTypeName } from "./ggml-types.js";
import type { GgufHeader, GgufValue } from "./read-gguf-header.js";

/** What `info` shows about a GGUF model, read from its header. */
export interface ModelDescription {
  architecture: string | undefined;
  name: string | undefined;
  /** Weights in all tensors. */
  parameters: number;
  contextLength: number | undefined;
  embeddingLength: number | undefined;
  layers: number | undefined;
  vocabularySize: number | undefined;
  /** From `general.file_type`, else the most common tensor type, e.g. `"Q4_K_M"`. */
  quantisation: string | undefined;
  hasChatTemplate: boolean;
  ggufVersion: number;
  tensorCount: number;
}

export function describeModel(header: GgufHeader): ModelDescription {
  const metadata = header.metadata;
  const architecture = text(metadata.get("general.architecture"));
  const perArchitecture = (key: string) => number(metadata.get(`${architecture}.${key}`));
  const tokens = metadata.get("tokenizer.ggml.tokens");
  return {
    architecture,
    name: text(metadata.get("general.name")),
    parameters: header.tensors.reduce(
      (sum, tensor) => sum + tensor.shape.reduce((product, size) => product * size, 1),
      0,
    ),
    contextLength: perArchitecture("context_length"),
    embeddingLength: perArchitecture("embedding_length"),
    layers: perArchitecture("block_count"),
    vocabularySize:
      typeof tokens === "object" && tokens !== null && "arrayLength" in tokens
        ? tokens.arrayLength
        : Array.isArray(tokens)
          ? tokens.length
          : undefined,
    quantisation:
      fileTypeName(number(metadata.get("general.file_type"))) ?? dominantTensorType(header),
    hasChatTemplate: typeof metadata.get("tokenizer.chat_template") === "string",
    ggufVersion: header.version,
    tensorCount: header.tensors.length,
  };
}

function dominantTensorType(header: GgufHeader): string | undefined {
  const counts = new Map<number, number>();
  for (const tensor of header.tensors) counts.set(tensor.type, (counts.get(tensor.type) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  return top ? ggmlTypeName(top[0]) : undefined;
}

function text(value: GgufValue | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function number(value: GgufValue | undefined): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return undefined;
}
