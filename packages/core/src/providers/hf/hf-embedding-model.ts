import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/index.js";
import type { HfClientHolder } from "./hf-provider.js";

/** Sentence embeddings through the feature-extraction task. */
export class HfEmbeddingModel implements EmbeddingModel {
  readonly specVersion = "v1";
  readonly provider = "hf";
  readonly maxValuesPerCall = 64;

  constructor(
    readonly modelId: string,
    private readonly holder: HfClientHolder,
  ) {}

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const provider = await this.holder.providerFor(this.modelId, options.signal);
    const output = await this.holder.call(options.signal, (client, callOptions) =>
      client.featureExtraction(
        {
          model: this.modelId,
          provider: provider as "auto",
          inputs: options.values,
          ...options.providerOptions?.hf,
        },
        callOptions,
      ),
    );
    return { embeddings: toVectors(output, options.values.length), warnings: [] };
  }
}

/**
 * Feature extraction returns a vector per input, or a vector per token for models without
 * pooling; token vectors are mean-pooled so every model yields one vector per value.
 */
function toVectors(output: unknown, count: number): number[][] {
  const rows = output as unknown[];
  if (count === 1 && typeof rows[0] === "number") return [rows as number[]];
  return rows.map((row) => {
    const value = row as unknown[];
    if (typeof value[0] === "number") return value as number[];
    const tokens = value as number[][];
    return tokens[0]!.map(
      (_, index) => tokens.reduce((sum, token) => sum + token[index]!, 0) / tokens.length,
    );
  });
}
