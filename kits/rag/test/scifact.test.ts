import { describe, expect, it } from "vitest";
import { runBeir } from "../src/eval/run-beir.js";

// SciFact (BEIR) is 8 MB and not ours to commit; point SCIFACT_DIR at an unzipped copy of
// BEIR's scifact.zip (corpus.jsonl, queries.jsonl, qrels/test.tsv) to run this check.
// Published BM25: nDCG@10 0.665, Recall@100 0.908 (BEIR, arXiv:2104.08663; Anserini
// multifield 0.6647 / 0.9076).
const scifactDir = process.env.SCIFACT_DIR;

describe.skipIf(!scifactDir)(
  "SciFact BM25 reproduction (skipped: set SCIFACT_DIR to a BEIR SciFact folder)",
  () => {
    it("reproduces the published BM25: nDCG@10 0.665 ± 0.01, Recall@100 ≈ 0.908", async () => {
      const report = await runBeir({ dir: scifactDir as string });
      expect(report.documents).toBe(5183);
      expect(report.metrics.queries).toBe(300);
      expect(report.metrics.ndcg10).toBeGreaterThanOrEqual(0.655);
      expect(report.metrics.ndcg10).toBeLessThanOrEqual(0.675);
      expect(report.metrics.recall100).toBeGreaterThanOrEqual(0.898);
      expect(report.metrics.recall100).toBeLessThanOrEqual(0.918);
    }, 180_000);
  },
);
