import { describe, expect, it } from "vitest";
import { TopK } from "../src/retrieval/top-k.js";

describe("TopK", () => {
  it("keeps the k highest scores, best first, ties to the lower slot", () => {
    const best = new TopK(3);
    [5, 1, 9, 5, 7, 5, 2].forEach((score, slot) => {
      best.offer(slot, score);
    });
    expect(best.drain()).toEqual([
      { slot: 2, score: 9 },
      { slot: 4, score: 7 },
      { slot: 0, score: 5 },
    ]);
  });

  it("agrees with a full sort on 2,000 random scores", () => {
    const scores = Array.from({ length: 2000 }, (_, i) => Math.round(Math.sin(i * 12.9898) * 1000));
    const best = new TopK(25);
    scores.forEach((score, slot) => {
      best.offer(slot, score);
    });
    const sorted = scores
      .map((score, slot) => ({ slot, score }))
      .sort((a, b) => b.score - a.score || a.slot - b.slot)
      .slice(0, 25);
    expect(best.drain()).toEqual(sorted);
  });

  it("returns fewer than k when fewer were offered, and nothing for k = 0", () => {
    const few = new TopK(10);
    few.offer(3, 1);
    expect(few.drain()).toEqual([{ slot: 3, score: 1 }]);
    const none = new TopK(0);
    none.offer(1, 1);
    expect(none.drain()).toEqual([]);
  });
});
