import { InvalidInputError } from "@path/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { popcount, SignCodes } from "../src/retrieval/binary-prescan.js";
import { EXACT_BELOW, VectorIndex } from "../src/retrieval/vector-search.js";

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

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() + 0.5 || 1e-12)) * Math.cos(2 * Math.PI * (next() + 0.5));
}

/**
 * Clustered low-rank unit vectors, x = W·z + noise with z ∈ R^32 around 16 centres, shaped like
 * text embeddings (i.i.d. random vectors would make any prescan look broken), and queries near
 * stored points' latents.
 */
function lowRank(count: number, queryCount: number, dimensions = 384, seed = 11) {
  const next = random(seed);
  const rank = 32;
  const w = Float32Array.from(
    { length: dimensions * rank },
    () => gaussian(next) / Math.sqrt(rank),
  );
  const centres = Array.from({ length: 16 }, () =>
    Float32Array.from({ length: rank }, () => gaussian(next)),
  );
  const embed = (z: Float32Array, into: Float32Array, offset: number) => {
    let squares = 0;
    for (let d = 0; d < dimensions; d++) {
      let x = 0.05 * gaussian(next);
      for (let r = 0; r < rank; r++) x += (w[d * rank + r] as number) * (z[r] as number);
      into[offset + d] = x;
      squares += x * x;
    }
    const norm = Math.sqrt(squares);
    for (let d = 0; d < dimensions; d++) into[offset + d] = (into[offset + d] as number) / norm;
  };
  const latents: Float32Array[] = [];
  const vectors = new Float32Array(count * dimensions);
  for (let i = 0; i < count; i++) {
    const centre = centres[Math.floor((next() + 0.5) * centres.length)] as Float32Array;
    const z = Float32Array.from(centre, (c) => c + 0.6 * gaussian(next));
    latents.push(z);
    embed(z, vectors, i * dimensions);
  }
  const queries = Array.from({ length: queryCount }, () => {
    const near = latents[Math.floor((next() + 0.5) * count)] as Float32Array;
    const query = new Float32Array(dimensions);
    embed(
      Float32Array.from(near, (c) => c + 0.3 * gaussian(next)),
      query,
      0,
    );
    return query;
  });
  const ids = Array.from({ length: count }, (_, i) => `c${i}`);
  return { ids, vectors, queries, dimensions };
}

function recallAt10(index: VectorIndex, queries: Float32Array[]): number {
  let found = 0;
  for (const query of queries) {
    const want = new Set(index.searchExact(query, 10).map((hit) => hit.id));
    found += index.search(query, 10).filter((hit) => want.has(hit.id)).length;
  }
  return found / (queries.length * 10);
}

describe("VectorIndex two-stage search (sign-code prescan, exact rerank)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("keeps recall@10 ≥ 0.95 against exact search at 20k clustered low-rank vectors, via the prescan", () => {
    const set = lowRank(EXACT_BELOW, 40);
    const index = VectorIndex.fromSnapshot(set.dimensions, set.ids, set.vectors);
    const prescan = vi.spyOn(SignCodes.prototype, "nearest");
    expect(recallAt10(index, set.queries)).toBeGreaterThanOrEqual(0.95);
    expect(prescan).toHaveBeenCalledTimes(set.queries.length);
    // Reranked scores are the exact dot products, not Hamming estimates.
    const [query] = set.queries as [Float32Array];
    const exact = new Map(index.searchExact(query, 50).map((hit) => [hit.id, hit.score]));
    for (const hit of index.search(query, 10)) {
      expect(hit.score).toBe(exact.get(hit.id));
    }
  });

  it("returns exactly the exact scan's results below the threshold, without a prescan", () => {
    const set = lowRank(EXACT_BELOW - 1, 10, 48);
    const index = VectorIndex.fromSnapshot(set.dimensions, set.ids, set.vectors);
    const prescan = vi.spyOn(SignCodes.prototype, "nearest");
    for (const query of set.queries) {
      expect(index.search(query, 10)).toEqual(index.searchExact(query, 10));
    }
    expect(prescan).not.toHaveBeenCalled();
  });

  it("keeps sign codes in step with add, replace, remove and a save/load round trip", () => {
    const set = lowRank(EXACT_BELOW + 500, 20, 384, 5);
    const index = new VectorIndex(set.dimensions);
    set.ids.forEach((id, row) => {
      index.add(id, set.vectors.subarray(row * set.dimensions, (row + 1) * set.dimensions));
    });
    const [first, second] = set.queries as [Float32Array, Float32Array];
    // Remove the best hit, and row 0 so the last row surely moves into a hole: the removed
    // ids must be gone and the moved one still findable by its own vector.
    const topId = index.searchExact(first, 1)[0]?.id as string;
    const lastId = set.ids[set.ids.length - 1] as string;
    const moved = topId === lastId ? (set.ids[set.ids.length - 2] as string) : lastId;
    expect(index.remove(topId)).toBe(true);
    expect(index.remove("c0")).toBe(true);
    expect(index.search(first, 10).map((hit) => hit.id)).not.toContain(topId);
    expect(index.search(index.get(moved) as Float32Array, 1)[0]?.id).toBe(moved);
    // Replace a vector with the second query itself: it must come first for that query.
    index.add("c7", second);
    expect(index.search(second, 1)[0]?.id).toBe("c7");
    expect(recallAt10(index, set.queries)).toBeGreaterThanOrEqual(0.95);
    const { ids, vectors } = index.snapshot();
    const restored = VectorIndex.fromSnapshot(set.dimensions, ids, vectors);
    for (const query of set.queries) {
      expect(restored.search(query, 10)).toEqual(index.search(query, 10));
    }
  });
});

describe("SignCodes", () => {
  it("counts set bits in a word", () => {
    expect([0, 1, 0xff, 0x80000000, 0xffffffff, 0x55555555].map(popcount)).toEqual([
      0, 1, 8, 1, 32, 16,
    ]);
  });

  it("picks the rows nearest in Hamming distance, the lower row on a tie at the cut", () => {
    const codes = new SignCodes(40);
    const rows = [
      [1, 1, 1, -1],
      [-1, -1, -1, -1],
      [1, 1, -1, -1],
      [1, 1, 1, 1],
      [1, 1, -1, -1],
    ].map((signs) =>
      Float32Array.from({ length: 40 }, (_, i) => signs[Math.floor(i / 10)] as number),
    );
    rows.forEach((row, i) => {
      codes.set(i, row);
    });
    const query = rows[3] as Float32Array;
    // Distances to row 3: 10, 40, 20, 0, 20.
    expect([...codes.nearest(query, 5, 2)].sort()).toEqual([0, 3]);
    expect([...codes.nearest(query, 5, 3)].sort()).toEqual([0, 2, 3]);
    expect([...codes.nearest(query, 4, 4)].sort()).toEqual([0, 1, 2, 3]);
  });
});
