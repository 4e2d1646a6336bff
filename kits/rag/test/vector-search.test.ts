import { InvalidInputError } from "@path/core";
import { describe, expect, it } from "vitest";
import { VectorIndex } from "../src/retrieval/vector-search.js";

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

function naiveTop(vectors: Map<string, number[]>, query: number[], k: number) {
  return [...vectors]
    .map(([id, v]) => ({ id, score: v.reduce((sum, x, i) => sum + x * (query[i] as number), 0) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

describe("VectorIndex", () => {
  it("finds the same top 10 as a naive scan (37 dimensions: the unrolled loop's tail too)", () => {
    const next = random(7);
    const index = new VectorIndex(37);
    const vectors = new Map<string, number[]>();
    for (let i = 0; i < 500; i++) {
      const v = Array.from({ length: 37 }, next);
      vectors.set(`v${i}`, v);
      index.add(`v${i}`, v);
    }
    for (let q = 0; q < 5; q++) {
      const query = Array.from({ length: 37 }, next);
      const got = index.search(query, 10);
      const want = naiveTop(vectors, query, 10);
      expect(got.map((hit) => hit.id)).toEqual(want.map((hit) => hit.id));
      got.forEach((hit, i) => {
        expect(hit.score).toBeCloseTo(want[i]?.score ?? Number.NaN, 4);
      });
    }
  });

  it("removes by id (the last row moves into the hole) and replaces by id", () => {
    const index = new VectorIndex(2);
    index.add("x", [1, 0]);
    index.add("y", [0, 1]);
    index.add("z", [0.6, 0.8]);
    expect(index.remove("x")).toBe(true);
    expect(index.remove("x")).toBe(false);
    expect(index.size).toBe(2);
    expect(index.search([1, 0], 5).map((hit) => hit.id)).toEqual(["z", "y"]);
    expect([...(index.get("z") ?? [])]).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    index.add("y", [1, 0]);
    expect(index.size).toBe(2);
    expect(index.search([1, 0], 1)).toEqual([{ id: "y", score: 1 }]);
  });

  it("grows past its first allocation", () => {
    const index = new VectorIndex(3);
    for (let i = 0; i < 300; i++) index.add(`v${i}`, [i, 0, 0]);
    expect(index.search([1, 0, 0], 2).map((hit) => hit.id)).toEqual(["v299", "v298"]);
  });

  it("refuses vectors of another length, naming both", () => {
    const index = new VectorIndex(4);
    expect(() => index.add("a", [1, 2, 3])).toThrow(InvalidInputError);
    expect(() => index.search([1, 2])).toThrow(/2 dimensions, this index holds 4/);
    expect(() => new VectorIndex(0)).toThrow(InvalidInputError);
  });

  it("round-trips through a snapshot", () => {
    const index = new VectorIndex(2);
    index.add("a", [1, 0]);
    index.add("b", [0, 1]);
    index.remove("a");
    const { ids, vectors } = index.snapshot();
    const restored = VectorIndex.fromSnapshot(2, ids, vectors);
    expect(restored.search([0, 1])).toEqual(index.search([0, 1]));
    expect(() => VectorIndex.fromSnapshot(3, ids, vectors)).toThrow(/rebuild the index/);
  });
});
