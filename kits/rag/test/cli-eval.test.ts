/** eval as a process on the mini 中文/English BEIR set: the same numbers as run-beir, as JSON or a table. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBeir } from "../src/eval/run-beir.js";
import { useRagCli } from "./cli-helpers.js";

const rag = useRagCli();
const miniBeir = fileURLToPath(new URL("../fixtures/mini-beir", import.meta.url));

describe("rag CLI: eval", { timeout: 120_000 }, () => {
  it("scores bm25 with nDCG@10, Recall@100 and MRR@10, the numbers run-beir computes", async () => {
    const result = await rag.run(["eval", miniBeir, "--retriever", "bm25", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    const expected = await runBeir({ dir: miniBeir });
    expect(json).toMatchObject({ retriever: "bm25", dataset: "mini-beir", split: "test" });
    expect(json.metrics).toEqual(expected.metrics);
    expect(json.metrics.ndcg10).toBeGreaterThan(0.5);

    const table = await rag.run(["eval", miniBeir]);
    expect(table.stdout).toMatch(/^mini-beir \(test\) · bm25\n/);
    expect(table.stdout).toContain(`nDCG@10     ${expected.metrics.ndcg10.toFixed(4)}`);
    expect(table.stdout).toMatch(/MRR@10 +\d\.\d{4}/);
  });

  it("runs vector and hybrid through the embedding model, every document and query embedded", async () => {
    rag.server.reset();
    const result = await rag.run(["eval", miniBeir, "-r", "hybrid", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.retriever).toBe("hybrid");
    const embedded = rag.server.requests
      .filter((request) => request.path.endsWith("/embeddings"))
      .flatMap((request) => (request.body as { input: string[] }).input);
    expect(embedded.length).toBe(json.documents + json.metrics.queries);
    for (const value of [json.metrics.ndcg10, json.metrics.recall100, json.metrics.mrr10]) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it("says in one line when the folder is not a BEIR set", async () => {
    const result = await rag.run(["eval", rag.folder]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/corpus\.jsonl/);
  });
});
