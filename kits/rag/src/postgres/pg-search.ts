import { embed, InvalidInputError, resolveModel } from "@path/core";
import type { Passage, SearchOptions } from "../index/search.js";
import { retrievers } from "../index/search.js";
import { unitVector } from "../index/unit-vector.js";
import { analyze } from "../retrieval/analyze.js";
import { reciprocalRankFusion } from "../retrieval/fusion.js";
import type { Hit } from "../retrieval/hit.js";
import type { PgRagStore } from "./pg-store.js";

export interface PgSearchOptions extends SearchOptions {
  /** The query's embedding, when the caller already has it (no embedding call is made). */
  queryVector?: ArrayLike<number>;
  /** HNSW candidate list (pgvector's `hnsw.ef_search`, default 40): higher → better recall, slower. */
  efSearch?: number;
}

/**
 * The embedded store's `search` on PostgreSQL: the k passages best matching the query by BM25
 * over the stored terms, by cosine through the HNSW index, or both fused by reciprocal rank
 * (default). Same results shape.
 */
export async function searchPostgres(
  store: PgRagStore,
  query: string,
  options: PgSearchOptions = {},
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
    const vectorHits = vector ? await store.nearest(vector, depth, options.efSearch) : [];
    hits =
      retriever === "vector"
        ? vectorHits
        : reciprocalRankFusion([await store.bm25(terms, depth), vectorHits], { limit: k });
  }
  return store.passages(hits);
}

async function queryVector(
  store: PgRagStore,
  query: string,
  options: PgSearchOptions,
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
