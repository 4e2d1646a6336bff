import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadBeir } from "../src/eval/beir.js";
import { bm25Retriever, runBeir } from "../src/eval/run-beir.js";

const miniBeir = fileURLToPath(new URL("../fixtures/mini-beir", import.meta.url));

describe("the project's own 中文 + English test set with BM25", () => {
  it("ranks a relevant passage first for (almost) every query", async () => {
    const set = await loadBeir(miniBeir);
    const search = bm25Retriever(set.corpus);
    const missed: string[] = [];
    for (const [queryId, text] of set.queries) {
      const [first] = await search.search(text, 1);
      if (!first || !set.qrels.get(queryId)?.get(first.id))
        missed.push(`${queryId} ${text} → ${first?.id}`);
    }
    expect(set.queries.size).toBe(12);
    expect(missed.length, missed.join("\n")).toBeLessThanOrEqual(1);
  });

  it("finds 向量数据库 for the query 数据库", async () => {
    const set = await loadBeir(miniBeir);
    const hits = await bm25Retriever(set.corpus).search("数据库", 3);
    expect(hits[0]?.id).toBe("zh-01");
    expect(set.corpus.find((doc) => doc.id === "zh-01")?.title).toBe("向量数据库");
  });

  it("scores well on the trec_eval metrics, Chinese and English queries alike", async () => {
    const report = await runBeir({ dir: miniBeir });
    expect(report.documents).toBe(40);
    expect(report.metrics.queries).toBe(12);
    expect(report.metrics.ndcg10).toBeGreaterThan(0.85);
    expect(report.metrics.mrr10).toBeGreaterThan(0.9);
    expect(report.queryMs.p50).toBeGreaterThanOrEqual(0);
  });
});
