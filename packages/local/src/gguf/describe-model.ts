import type { CheckedModelFile } from "./check-model-file.js";

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

/** Loads node-llama-cpp only when a file is described, like everything else in this package. */
export async function describeModel({
  info,
  insights,
}: CheckedModelFile): Promise<ModelDescription> {
  const { GgmlType, GgufFileType } = await import("node-llama-cpp");
  const { general, tokenizer } = info.metadata;
  const tensors = info.tensorInfo ?? [];
  const dominantType = insights?.dominantTensorType;
  return {
    architecture: general?.architecture,
    name: general?.name,
    parameters: tensors.reduce(
      (sum, tensor) =>
        sum + tensor.dimensions.reduce<number>((product, size) => product * Number(size), 1),
      0,
    ),
    contextLength: info.architectureMetadata.context_length,
    embeddingLength: info.architectureMetadata.embedding_length,
    layers: info.architectureMetadata.block_count,
    vocabularySize: tokenizer?.ggml?.tokens?.length,
    quantisation:
      fileTypeName(general?.file_type, GgufFileType) ??
      (dominantType === undefined ? undefined : (GgmlType[dominantType] ?? `type ${dominantType}`)),
    hasChatTemplate: typeof tokenizer?.chat_template === "string",
    ggufVersion: info.version,
    tensorCount: Number(info.tensorCount),
  };
}

/** `MOSTLY_Q4_K_M` → `Q4_K_M`, the name people write in file names. */
function fileTypeName(
  fileType: number | undefined,
  names: Record<number, string>,
): string | undefined {
  if (fileType === undefined) return undefined;
  return names[fileType]?.replace(/^(MOSTLY|ALL)_/, "") ?? `file type ${fileType}`;
}
