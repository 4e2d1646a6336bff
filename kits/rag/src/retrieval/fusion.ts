import type { Hit } from "./hit.js";

export interface FusionOptions {
  /** Damping constant: 60 in the original paper (Cormack et al. 2009) and most engines. */
  k?: number;
  /** How many fused results to return (all when left out). */
  limit?: number;
  /** One weight per list (default 1 each), e.g. to trust BM25 more than vectors. */
  weights?: readonly number[];
}

/**
 * Reciprocal rank fusion: each list gives a document weight / (k + rank), rank counted from 1;
 * the sums decide the order. Only ranks matter, so BM25 scores and cosine similarities, which
 * live on different scales, can be combined without normalising them. Equal sums keep the
 * order in which the documents were first seen.
 */
export function reciprocalRankFusion(
  lists: readonly (readonly Hit[])[],
  options: FusionOptions = {},
): Hit[] {
  const k = options.k ?? 60;
  const fused = new Map<string, number>();
  lists.forEach((list, l) => {
    const weight = options.weights?.[l] ?? 1;
    list.forEach((hit, i) => {
      fused.set(hit.id, (fused.get(hit.id) ?? 0) + weight / (k + i + 1));
    });
  });
  const ranked = [...fused].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
  return options.limit === undefined ? ranked : ranked.slice(0, options.limit);
}
