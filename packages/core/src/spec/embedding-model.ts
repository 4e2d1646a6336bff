import type { CallSettings, Warning } from "./shared.js";

export interface EmbedCallOptions extends CallSettings {
  /** The texts to embed; core splits long lists into batches of `maxValuesPerCall`. */
  values: string[];
}

export interface EmbedResult {
  /** One vector per value, in the same order. */
  embeddings: number[][];
  /** Tokens the provider counted, when it says. */
  usage?: { inputTokens?: number };
  warnings: Warning[];
}

/** A model that turns text into vectors. */
export interface EmbeddingModel {
  readonly specVersion: "v1";
  readonly provider: string;
  readonly modelId: string;
  /** The most values one call may carry; core batches above it. Undefined = no limit. */
  readonly maxValuesPerCall?: number | undefined;
  doEmbed(options: EmbedCallOptions): Promise<EmbedResult>;
}
