import { createHash } from "node:crypto";
import type { Chunk } from "../ingest/document.js";
import { analyze } from "../retrieval/analyze.js";

/** BM25 fields of a chunk: its heading path and its text, scored separately and summed. */
export const chunkFields = ["headings", "text"] as const;

/** Per field, each distinct term and how often it occurs. */
export function countChunkTerms(
  chunk: Pick<Chunk, "headings" | "text">,
): Array<Map<string, number>> {
  return [chunk.headings.join(" "), chunk.text].map((field) => {
    const counts = new Map<string, number>();
    for (const term of analyze(field)) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  });
}

const probe =
  "Running the indexes' BM25-scores: ＢＭ２５ ｶﾀｶﾅ 東京スカイツリー 长江大桥和数据库的最近邻检索，研究生命起源。café naïve";

/**
 * A fingerprint of the analysis in use: its terms for a probe text covering English, width
 * folding, Japanese and Chinese. Stored term counts are redone when it changes, so an index
 * never mixes terms from two versions of the analysis.
 */
export function analyzerFingerprint(): string {
  return createHash("sha256")
    .update(JSON.stringify(analyze(probe)))
    .digest("hex")
    .slice(0, 16);
}
