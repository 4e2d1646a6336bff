import { Call, type CallOptions } from "../call.js";
import { InvalidInputError, InvalidResponseError } from "../errors.js";
import type { Cost } from "../events.js";
import { resolveModel } from "../registry.js";
import type { EmbeddingModel, Warning } from "../spec/index.js";

export interface EmbedOptions extends CallOptions {
  /** `"provider:modelId"` or a model object; omitted → the default embedding model. */
  model?: string | EmbeddingModel;
  /** The texts to embed. Long lists are sent in batches the provider accepts. */
  values: string[];
}

export interface EmbedResult {
  /** One vector per value, in order. */
  embeddings: number[][];
  usage: { inputTokens?: number };
  cost?: Cost;
  warnings: Warning[];
  provider: string;
  modelId: string;
  durationMs: number;
}

const defaultTimeoutMs = 60_000;

/** Turn texts into vectors, for search and similarity. */
export async function embed(options: EmbedOptions): Promise<EmbedResult> {
  const { values } = options;
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidInputError('embed needs at least one value: pass values: ["some text", …].');
  }
  const blank = values.findIndex((value) => typeof value !== "string" || value.trim() === "");
  if (blank !== -1)
    throw new InvalidInputError(`values[${blank}] is empty; every value must be non-empty text.`);

  const model = await resolveModel("embed", options.model);
  const call = new Call("embed", model.provider, model.modelId, options, defaultTimeoutMs);
  const batchSize = model.maxValuesPerCall ?? values.length;
  const embeddings: number[][] = [];
  const warnings: Warning[] = [];
  let inputTokens: number | undefined;
  for (let start = 0; start < values.length; start += batchSize) {
    const batch = values.slice(start, start + batchSize);
    const result = await call.run((settings) => model.doEmbed({ values: batch, ...settings }));
    if (result.embeddings.length !== batch.length) {
      const error = new InvalidResponseError(
        model.provider,
        `it returned ${result.embeddings.length} vectors for ${batch.length} values.`,
      );
      call.fail(error);
      throw error;
    }
    embeddings.push(...result.embeddings);
    warnings.push(...result.warnings);
    if (result.usage?.inputTokens !== undefined)
      inputTokens = (inputTokens ?? 0) + result.usage.inputTokens;
  }
  const cost = call.finish({ inputTokens });
  return {
    embeddings,
    usage: { inputTokens },
    cost,
    warnings,
    provider: model.provider,
    modelId: model.modelId,
    durationMs: call.durationMs,
  };
}

/** Cosine similarity of two vectors: 1 = same direction, 0 = unrelated. */
export function cosineSimilarity(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    dot += a[index]! * b[index]!;
    normA += a[index]! ** 2;
    normB += b[index]! ** 2;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
