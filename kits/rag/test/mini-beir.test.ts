import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runKitCli } from "@path/testing";
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

  it("scores any retriever it is given: one that finds nothing gets 0", async () => {
    let built = 0;
    const report = await runBeir({
      dir: miniBeir,
      buildRetriever: (corpus) => {
        built = corpus.length;
        return { search: () => [] };
      },
    });
    expect(built).toBe(40);
    expect(report.metrics).toEqual({ ndcg10: 0, recall100: 0, mrr10: 0, queries: 12 });
  });
});

describe("run-beir.ts as a script", () => {
  it("prints the report as JSON, and one line naming the missing file for a wrong folder", async () => {
    const entry = fileURLToPath(new URL("../src/eval/run-beir.ts", import.meta.url));
    const cwd = fileURLToPath(new URL("..", import.meta.url));
    const ok = await runKitCli([miniBeir], { entry, cwd });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ dataset: "mini-beir", documents: 40 });
    const missing = await runKitCli([join(miniBeir, "qrels")], { entry, cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/corpus\.jsonl not found: a BEIR folder holds/);
    expect(missing.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
