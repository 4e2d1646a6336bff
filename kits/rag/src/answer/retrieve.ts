import type { RagStore } from "../index/rag-store.js";
import { type Passage, type Retriever, search } from "../index/search.js";
import { reciprocalRankFusion } from "../retrieval/fusion.js";

export interface RetrieveOptions {
  retriever: Retriever;
  k: number;
  embedModel?: string | undefined;
  /** Below this cosine similarity a vector match alone counts as weak. Default 0.3. */
  minSimilarity?: number;
  signal?: AbortSignal;
}

export interface Retrieved {
  passages: Passage[];
  /** No passage shares a word with the question and none is close in meaning. */
  weak: boolean;
}

/**
 * The passages for a question, and whether they are too weak to answer from: BM25 found no
 * shared word (or was not asked) and the best vector match is under `minSimilarity`.
 */
export async function retrieve(
  index: RagStore,
  question: string,
  options: RetrieveOptions,
): Promise<Retrieved> {
  const { retriever, k } = options;
  const depth = retriever === "hybrid" ? Math.max(50, 4 * k) : k;
  const common = {
    k: depth,
    ...(options.embedModel ? { model: options.embedModel } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const lexical =
    retriever === "vector" ? [] : await search(index, question, { ...common, retriever: "bm25" });
  const semantic =
    retriever === "bm25" ? [] : await search(index, question, { ...common, retriever: "vector" });
  const minSimilarity = options.minSimilarity ?? 0.3;
  const weak = lexical.length === 0 && (semantic[0]?.score ?? 0) < minSimilarity;
  if (retriever !== "hybrid") return { passages: [...lexical, ...semantic].slice(0, k), weak };
  const byId = new Map([...lexical, ...semantic].map((passage) => [passage.id, passage]));
  const fused = reciprocalRankFusion([lexical, semantic], { limit: k });
  const passages = fused.flatMap(({ id, score }) => {
    const passage = byId.get(id);
    return passage ? [{ ...passage, score }] : [];
  });
  return { passages, weak };
}
