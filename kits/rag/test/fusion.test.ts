import { describe, expect, it } from "vitest";
import { reciprocalRankFusion } from "../src/retrieval/fusion.js";

const ranked = (...ids: string[]) => ids.map((id, i) => ({ id, score: 100 - i }));

describe("reciprocalRankFusion", () => {
  it("sums 1 / (60 + rank) over the lists", () => {
    const fused = reciprocalRankFusion([ranked("a", "b", "c"), ranked("c", "a", "d")]);
    expect(fused.map((hit) => hit.id)).toEqual(["a", "c", "b", "d"]);
    expect(fused[0]?.score).toBeCloseTo(1 / 61 + 1 / 62, 15);
    expect(fused[1]?.score).toBeCloseTo(1 / 63 + 1 / 61, 15);
    expect(fused[3]?.score).toBeCloseTo(1 / 63, 15);
  });

  it("ignores the scores themselves: only ranks count", () => {
    const bm25 = [
      { id: "a", score: 25.3 },
      { id: "b", score: 0.1 },
    ];
    const cosine = [
      { id: "b", score: 0.92 },
      { id: "a", score: 0.91 },
    ];
    const fused = reciprocalRankFusion([bm25, cosine]);
    expect(fused[0]?.score).toBe(fused[1]?.score);
    expect(fused.map((hit) => hit.id)).toEqual(["a", "b"]); // a tie keeps first-seen order
  });

  it("takes k, per-list weights and a limit", () => {
    const fused = reciprocalRankFusion([ranked("a", "b"), ranked("b", "a")], {
      k: 1,
      weights: [1, 3],
      limit: 1,
    });
    expect(fused).toEqual([{ id: "b", score: 1 / 3 + 3 / 2 }]);
  });

  it("returns nothing for no lists", () => {
    expect(reciprocalRankFusion([])).toEqual([]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});
