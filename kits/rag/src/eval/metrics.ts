import type { Hit } from "../retrieval/hit.js";
import type { Qrels } from "./beir.js";

export interface RetrievalMetrics {
  /** Normalised discounted cumulative gain of the first 10 results. */
  ndcg10: number;
  /** Share of the relevant documents found in the first 100 results. */
  recall100: number;
  /** 1 / rank of the first relevant result within the first 10 (0 when none). */
  mrr10: number;
  /** Queries averaged over: those in the qrels with at least one relevant document. */
  queries: number;
}

export interface EvaluateOptions {
  /** BEIR drops a result whose id equals the query id (some sets list the query itself). */
  ignoreIdenticalIds?: boolean;
}

/**
 * Scores a run the way trec_eval (and BEIR, through pytrec_eval) does: results re-sorted by
 * score, ties broken by document id in reverse order; gains binary (grade > 0); the ideal
 * DCG over all relevant documents; a judged query with no results counts as 0.
 */
export function evaluateRun(
  run: ReadonlyMap<string, readonly Hit[]>,
  qrels: Qrels,
  options: EvaluateOptions = {},
): RetrievalMetrics {
  const ignoreIdenticalIds = options.ignoreIdenticalIds ?? true;
  const totals = { ndcg10: 0, recall100: 0, mrr10: 0, queries: 0 };
  for (const [queryId, judged] of qrels) {
    const relevant = new Set([...judged].filter(([, grade]) => grade > 0).map(([id]) => id));
    if (relevant.size === 0) continue;
    let hits = [...(run.get(queryId) ?? [])];
    if (ignoreIdenticalIds) hits = hits.filter((hit) => hit.id !== queryId);
    const ranked = trecOrder(hits).map((hit) => hit.id);
    totals.ndcg10 += ndcgAt(ranked, relevant, 10);
    totals.recall100 += recallAt(ranked, relevant, 100);
    totals.mrr10 += reciprocalRankAt(ranked, relevant, 10);
    totals.queries++;
  }
  const n = totals.queries || 1;
  return {
    ndcg10: totals.ndcg10 / n,
    recall100: totals.recall100 / n,
    mrr10: totals.mrr10 / n,
    queries: totals.queries,
  };
}

/** trec_eval's order: score descending, then document id descending. */
export function trecOrder(hits: readonly Hit[]): Hit[] {
  return [...hits].sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

export function ndcgAt(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(relevant.size, k); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function recallAt(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  if (relevant.size === 0) return 0;
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

export function reciprocalRankAt(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  const at = ranked.slice(0, k).findIndex((id) => relevant.has(id));
  return at < 0 ? 0 : 1 / (at + 1);
}
