import {
  type CallOptions,
  type EmbeddingModel,
  embed,
  InvalidInputError,
  resolveModel,
} from "@path/core";
import { analyze } from "../retrieval/analyze.js";
import { reciprocalRankFusion } from "../retrieval/fusion.js";
import type { Hit } from "../retrieval/hit.js";
import type { RagStore } from "./rag-store.js";
import { unitVector } from "./unit-vector.js";

export type Retriever = "bm25" | "vector" | "hybrid";
export const retrievers: readonly Retriever[] = ["bm25", "vector", "hybrid"];

export interface SearchOptions extends Pick<CallOptions, "signal"> {
  retriever?: Retriever;
  /** Passages to return. Default 5. */
  k?: number;
  /** Embeds the query; omitted → the model the index was built with. */
  model?: string | EmbeddingModel;
  /** The query's embedding, when the caller already has it (no embedding call is made). */
  queryVector?: ArrayLike<number>;
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
 * The k passages best matching the query: BM25 over the chunks' terms, vector search over
 * their embeddings, or both fused by reciprocal rank (default). The same on every store.
 */
export async function search(
  store: RagStore,
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
  const terms = analyze(query);
  let hits: Hit[];
  if (retriever === "bm25") {
    hits = await store.bm25(terms, k);
  } else {
    const depth = retriever === "vector" ? k : (options.candidates ?? Math.max(50, 4 * k));
    const vector = await queryVector(store, query, options);
    const vectorHits = vector ? await store.nearest(vector, depth) : [];
    hits =
      retriever === "vector"
        ? vectorHits
        : reciprocalRankFusion([await store.bm25(terms, depth), vectorHits], { limit: k });
  }
  return store.passages(hits);
}

/** The query as a unit vector from the index's model; undefined while the index has none. */
async function queryVector(
  store: RagStore,
  query: string,
  options: SearchOptions,
): Promise<Float32Array | undefined> {
  if (options.queryVector) return unitVector(options.queryVector);
  const built = await store.embedModel();
  if (built === undefined) return undefined;
  const model = await resolveModel("embed", options.model ?? built);
  await store.checkEmbedModel(`${model.provider}:${model.modelId}`);
  const { embeddings } = await embed({
    model,
    values: [query],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return unitVector(embeddings[0] as number[]);
}
