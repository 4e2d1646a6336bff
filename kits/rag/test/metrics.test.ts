import { describe, expect, it } from "vitest";
import type { Qrels } from "../src/eval/beir.js";
import { evaluateRun, ndcgAt, trecOrder } from "../src/eval/metrics.js";

const qrels = (entries: Record<string, Record<string, number>>): Qrels =>
  new Map(Object.entries(entries).map(([q, docs]) => [q, new Map(Object.entries(docs))]));

describe("evaluateRun", () => {
  it("computes nDCG@10, Recall@100 and MRR@10 by hand", () => {
    // q1: relevant d1, d3 (d9 judged 0). Ranking d2, d1, d3.
    //   DCG = 1/log2(3) + 1/log2(4); ideal = 1 + 1/log2(3); RR = 1/2; recall = 2/2.
    // q2: relevant d5, no results → 0 everywhere.
    const run = new Map([
      [
        "q1",
        [
          { id: "d2", score: 3 },
          { id: "d1", score: 2 },
          { id: "d3", score: 1 },
        ],
      ],
    ]);
    const metrics = evaluateRun(run, qrels({ q1: { d1: 1, d3: 1, d9: 0 }, q2: { d5: 1 } }));
    const ndcgQ1 = (1 / Math.log2(3) + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3));
    expect(metrics.queries).toBe(2);
    expect(metrics.ndcg10).toBeCloseTo(ndcgQ1 / 2, 12);
    expect(metrics.recall100).toBeCloseTo(0.5, 12);
    expect(metrics.mrr10).toBeCloseTo(0.25, 12);
  });

  it("uses binary gains: a grade of 2 counts as 1", () => {
    const run = new Map([["q", [{ id: "a", score: 1 }]]]);
    expect(evaluateRun(run, qrels({ q: { a: 2 } })).ndcg10).toBe(1);
  });

  it("skips queries without a relevant document, as trec_eval does", () => {
    const metrics = evaluateRun(new Map(), qrels({ q: { a: 0 } }));
    expect(metrics.queries).toBe(0);
  });

  it("drops a result whose id equals the query id unless told not to (BEIR ignore_identical_ids)", () => {
    const run = new Map([
      [
        "q3",
        [
          { id: "q3", score: 5 },
          { id: "x", score: 4 },
        ],
      ],
    ]);
    const judged = qrels({ q3: { x: 1 } });
    expect(evaluateRun(run, judged).ndcg10).toBe(1);
    expect(evaluateRun(run, judged, { ignoreIdenticalIds: false }).ndcg10).toBeCloseTo(
      1 / Math.log2(3),
      12,
    );
  });

  it("re-sorts by score and breaks ties by document id descending (trec_eval)", () => {
    const order = trecOrder([
      { id: "a", score: 1 },
      { id: "c", score: 2 },
      { id: "b", score: 1 },
    ]);
    expect(order.map((hit) => hit.id)).toEqual(["c", "b", "a"]);
  });

  it("only counts the first k results in nDCG@k", () => {
    const ranked = ["n1", "n2", "n3", "r"];
    expect(ndcgAt(ranked, new Set(["r"]), 3)).toBe(0);
    expect(ndcgAt(ranked, new Set(["r"]), 4)).toBeCloseTo(1 / Math.log2(5), 12);
  });
});
