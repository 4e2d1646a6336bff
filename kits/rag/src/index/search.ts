import {
  type CallOptions,
  type EmbeddingModel,
  embed,
  InvalidInputError,
  resolveModel,
} from "@path/core";
import { reciprocalRankFusion } from "../retrieval/fusion.js";
import type { Hit } from "../retrieval/hit.js";
import type { RagIndex } from "./rag-index.js";
import { unitVector } from "./unit-vector.js";

export type Retriever = "bm25" | "vector" | "hybrid";
export const retrievers: readonly Retriever[] = ["bm25", "vector", "hybrid"];

export interface SearchOptions extends Pick<CallOptions, "signal"> {
  retriever?: Retriever;
  /** Passages to return. Default 5. */
  k?: number;
  /** Embeds the query; omitted → the model the index was built with. */
  model?: string | EmbeddingModel;
  /** Each list hybrid fuses is this long. Default max(50, 4k). */
  candidates?: number;
}

/** One retrieved passage and where it is. */
export interface Passage {
  id: string;
  path: string;
  lineStart: number;
  lineEnd: number;
  headings: string[];
  /** BM25 score, cosine similarity, or the fused reciprocal-rank score (hybrid). */
  score: number;
  text: string;
}

/**
 * The k passages best matching the query: BM25 over the chunks' terms, exact vector search
 * over their embeddings, or both fused by reciprocal rank (default).
 */
export async function search(
  index: RagIndex,
  query: string,
  options: SearchOptions = {},
): Promise<Passage[]> {
  const retriever = options.retriever ?? "hybrid";
  if (!retrievers.includes(retriever)) {
    throw new InvalidInputError(`Unknown retriever "${retriever}": use bm25, vector or hybrid.`);
  }
  if (query.trim() === "")
    throw new InvalidInputError("The search query is empty: type some words.");
  const k = options.k ?? 5;
  const state = index.searchState();
  let hits: Hit[];
  if (retriever === "bm25") {
    hits = state.bm25.search(query, k);
  } else {
    const depth = retriever === "vector" ? k : (options.candidates ?? Math.max(50, 4 * k));
    const vectorHits = await vectorSearch(index, query, depth, options);
    hits =
      retriever === "vector"
        ? vectorHits
        : reciprocalRankFusion([state.bm25.search(query, depth), vectorHits], { limit: k });
  }
  return hits.flatMap(({ id, score }) => {
    const chunk = state.chunk(id);
    if (!chunk) return [];
    const { path, lineStart, lineEnd, headings, text } = chunk;
    return [{ id, path, lineStart, lineEnd, headings, score, text }];
  });
}

async function vectorSearch(
  index: RagIndex,
  query: string,
  k: number,
  options: SearchOptions,
): Promise<Hit[]> {
  const vectors = index.searchState().vectors;
  const built = index.embedModel;
  if (!vectors || built === undefined) return [];
  const model = await resolveModel("embed", options.model ?? built);
  index.checkEmbedModel(`${model.provider}:${model.modelId}`);
  const { embeddings } = await embed({
    model,
    values: [query],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return vectors.search(unitVector(embeddings[0] as number[]), k);
}
