import { InvalidInputError } from "@path/core";
import { describe, expect, it } from "vitest";
import { Bm25Index, type TermCounts } from "../src/retrieval/bm25.js";
import { decodeBm25, encodeBm25 } from "../src/retrieval/bm25-snapshot.js";

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const textOnly = () => new Bm25Index({ fields: ["text"], analyze: words });

function threeDocuments(): Bm25Index {
  const index = textOnly();
  index.add("d1", { text: "a b c" });
  index.add("d2", { text: "a a d" });
  index.add("d3", { text: "b e" });
  return index;
}

describe("Bm25Index scoring", () => {
  it("matches a hand-computed Lucene BM25 score (k1 = 0.9, b = 0.4)", () => {
    // N = 3, avgLen = 8/3; "a" is in 2 documents: idf = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6
    // d1: tf 1, len 3 → norm = 0.9 · (0.6 + 0.4 · 3 / (8/3)) = 0.945 → ln1.6 · 1 / 1.945
    // d2: tf 2, len 3 → ln1.6 · 2 / 2.945
    const hits = threeDocuments().search("a", 10);
    expect(hits.map((hit) => hit.id)).toEqual(["d2", "d1"]);
    expect(hits[0]?.score).toBeCloseTo((Math.log(1.6) * 2) / 2.945, 12);
    expect(hits[1]?.score).toBeCloseTo(Math.log(1.6) / 1.945, 12);
  });

  it("sums the terms of a query, a repeated query term counting twice", () => {
    const index = threeDocuments();
    const a = new Map(index.search("a").map((hit) => [hit.id, hit.score]));
    const b = new Map(index.search("b").map((hit) => [hit.id, hit.score]));
    const both = index.search("a b");
    expect(both[0]?.id).toBe("d1");
    expect(both[0]?.score).toBeCloseTo((a.get("d1") ?? 0) + (b.get("d1") ?? 0), 12);
    expect(index.search("a a")[0]?.score).toBeCloseTo(2 * (a.get("d2") ?? 0), 12);
  });

  it("scores title and text as separate fields, each with its own statistics, and sums them", () => {
    const both = new Bm25Index({ analyze: words });
    const titles = new Bm25Index({ fields: ["title"], analyze: words });
    const texts = textOnly();
    const docs = [
      { id: "x", title: "rank fusion", text: "fusion of ranked lists" },
      { id: "y", title: "vectors", text: "dense vectors and fusion" },
      { id: "z", title: "fusion", text: "" },
    ];
    for (const doc of docs) for (const index of [both, titles, texts]) index.add(doc.id, doc);
    const expected = new Map<string, number>();
    for (const index of [titles, texts]) {
      for (const hit of index.search("fusion"))
        expected.set(hit.id, (expected.get(hit.id) ?? 0) + hit.score);
    }
    const hits = both.search("fusion");
    expect(hits).toHaveLength(3);
    for (const hit of hits) expect(hit.score).toBeCloseTo(expected.get(hit.id) ?? Number.NaN, 12);
  });

  it("returns at most k hits, best first, and nothing for unknown terms", () => {
    const index = threeDocuments();
    expect(index.search("a b c d e", 2)).toHaveLength(2);
    expect(index.search("zzz")).toEqual([]);
    expect(index.search("")).toEqual([]);
  });

  it("uses the Lucene-like analyser by default: a query in other inflections finds the document", () => {
    const index = new Bm25Index();
    index.add("en", { title: "Indexing documents", text: "The index is rebuilt nightly." });
    index.add("zh", { title: "向量数据库", text: "支持近似最近邻搜索" });
    expect(index.search("indexes")[0]?.id).toBe("en");
    expect(index.search("数据库")[0]?.id).toBe("zh");
  });
});

describe("Bm25Index add and remove", () => {
  it("after a removal scores exactly as an index built without the document", () => {
    const index = threeDocuments();
    expect(index.remove("d2")).toBe(true);
    expect(index.remove("d2")).toBe(false);
    const fresh = textOnly();
    fresh.add("d1", { text: "a b c" });
    fresh.add("d3", { text: "b e" });
    for (const query of ["a", "b", "d", "a b e"])
      expect(index.search(query)).toEqual(fresh.search(query));
    expect(index.size).toBe(2);
    expect(index.has("d2")).toBe(false);
  });

  it("replaces a document added again under the same id", () => {
    const index = threeDocuments();
    index.add("d1", { text: "e e" });
    expect(index.size).toBe(3);
    expect(index.search("c")).toEqual([]);
    expect(index.search("e")[0]?.id).toBe("d1");
    expect(index.fieldStats()[0]).toEqual({ field: "text", docCount: 3, totalLength: 7, terms: 4 });
  });
});

describe("BM25 snapshots", () => {
  function mixedIndex(): Bm25Index {
    const index = new Bm25Index();
    index.add("1", { title: "BM25 ranking", text: "Term frequency and document length." });
    index.add("2", { title: "向量数据库", text: "近似最近邻搜索" });
    index.add("3", { title: "gone", text: "removed before saving" });
    index.add("4", { title: "Ranking again", text: "length of the ranked documents" });
    index.remove("3");
    return index;
  }
  const queries = ["ranking length", "数据库", "removed", "documents ranked"];

  it("survive a binary round trip with identical results, removed documents left out", () => {
    const index = mixedIndex();
    const restored = decodeBm25(encodeBm25(index, "v1"), { expectedStamp: "v1" });
    for (const query of queries) expect(restored.search(query)).toEqual(index.search(query));
    expect([...restored.ids()]).toEqual(["1", "2", "4"]);
    expect(restored.fieldStats()).toEqual(index.fieldStats());
    expect({ k1: restored.k1, b: restored.b, fields: restored.fields }).toEqual({
      k1: 0.9,
      b: 0.4,
      fields: ["title", "text"],
    });
  });

  it("load from an unaligned buffer too (a file read into a pooled buffer)", () => {
    const bytes = encodeBm25(mixedIndex());
    const shifted = Buffer.concat([Buffer.from([0]), bytes]).subarray(1);
    expect(shifted.byteOffset % 4).not.toBe(0);
    expect(decodeBm25(shifted).search("ranking")).toEqual(mixedIndex().search("ranking"));
  });

  it("can still change after loading: a removal and an add score as a fresh index does", () => {
    const restored = decodeBm25(encodeBm25(mixedIndex()));
    restored.remove("1");
    restored.add("5", { title: "fusion", text: "reciprocal rank fusion of ranked lists" });
    const fresh = new Bm25Index();
    fresh.add("2", { title: "向量数据库", text: "近似最近邻搜索" });
    fresh.add("4", { title: "Ranking again", text: "length of the ranked documents" });
    fresh.add("5", { title: "fusion", text: "reciprocal rank fusion of ranked lists" });
    for (const query of [...queries, "fusion ranked"]) {
      const scores = (hits: Array<{ id: string; score: number }>) =>
        hits.map((hit) => [hit.id, Number(hit.score.toFixed(12))]);
      expect(scores(restored.search(query))).toEqual(scores(fresh.search(query)));
    }
    const pairs = (counts: TermCounts[] | undefined) =>
      counts?.map(({ terms, freqs }) => terms.map((term, i) => `${term}:${freqs[i]}`).sort());
    expect(pairs(restored.termCounts("4"))).toEqual(pairs(fresh.termCounts("4")));
  });

  it("refuse bytes that are not a snapshot, a cut-short one and another stamp, saying to rebuild", () => {
    const bytes = encodeBm25(mixedIndex(), "analysis-a");
    expect(() => decodeBm25(Buffer.from("hello world, not bm25"))).toThrow(InvalidInputError);
    expect(() => decodeBm25(bytes.subarray(0, bytes.length - 8))).toThrow(/cut short/);
    expect(() => decodeBm25(bytes, { expectedStamp: "analysis-b" })).toThrow(
      /made for analysis-a\): rebuild it from the documents/,
    );
  });
});

describe("Bm25Index.fromCounts", () => {
  it("scores every query exactly as adding the documents one by one", () => {
    const one = new Bm25Index();
    const docs = [
      ["a", { title: "Hybrid search", text: "BM25 and vectors fused by reciprocal rank" }],
      ["b", { title: "", text: "vectors close in meaning; BM25 shares words" }],
      ["c", { title: "LoRA", text: "低秩适配 LoRA rank r and alpha" }],
    ] as const;
    for (const [id, doc] of docs) one.add(id, doc);
    const bulk = Bm25Index.fromCounts(
      docs.map(([id]) => id),
      docs.map(([id]) => one.termCounts(id) ?? []),
    );
    for (const query of ["bm25 vectors", "rank", "LoRA 低秩", "meaning words"]) {
      expect(bulk.search(query)).toEqual(one.search(query));
    }
    expect(bulk.fieldStats()).toEqual(one.fieldStats());
    expect(() => Bm25Index.fromCounts(["x", "x"], [[], []])).toThrow(/given twice/);
  });
});
