import { basename, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { PathError } from "@path/core";
import { Bm25Index } from "../retrieval/bm25.js";
import type { Hit } from "../retrieval/hit.js";
import { type BeirDocument, loadBeir } from "./beir.js";
import { evaluateRun, type RetrievalMetrics } from "./metrics.js";

/** Anything that ranks documents for a query: BM25, vectors, a hybrid. */
export interface Retriever {
  search(query: string, k: number): Hit[] | Promise<Hit[]>;
}

export interface BeirRunOptions {
  /** A BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv. */
  dir: string;
  split?: string;
  /** Builds the retriever over the corpus; BM25 (title + text) when left out. */
  buildRetriever?: (corpus: readonly BeirDocument[]) => Retriever | Promise<Retriever>;
  /** Called after each query with how many are done. */
  onProgress?: (done: number, total: number) => void;
}

export interface BeirReport {
  dataset: string;
  split: string;
  documents: number;
  metrics: RetrievalMetrics;
  indexMs: number;
  queryMs: { p50: number; p95: number };
}

// Recall@100 needs 100 results; one more leaves room for a result BEIR drops because its id
// equals the query's.
const depth = 101;

/** Loads a BEIR set, indexes its corpus, runs every judged query and scores the run. */
export async function runBeir(options: BeirRunOptions): Promise<BeirReport> {
  const split = options.split ?? "test";
  const dataset = await loadBeir(options.dir, split);
  const started = performance.now();
  const retriever = await (options.buildRetriever ?? bm25Retriever)(dataset.corpus);
  const indexMs = performance.now() - started;

  const judged = [...dataset.qrels.keys()].filter((id) => dataset.queries.has(id));
  const run = new Map<string, Hit[]>();
  const timings: number[] = [];
  for (const queryId of judged) {
    const queryStarted = performance.now();
    run.set(queryId, await retriever.search(dataset.queries.get(queryId) ?? "", depth));
    timings.push(performance.now() - queryStarted);
    options.onProgress?.(run.size, judged.length);
  }
  return {
    dataset: basename(resolve(options.dir)),
    split,
    documents: dataset.corpus.length,
    metrics: evaluateRun(run, dataset.qrels),
    indexMs: Math.round(indexMs),
    queryMs: { p50: percentile(timings, 0.5), p95: percentile(timings, 0.95) },
  };
}

/** BM25 over title and text, as BEIR's published baseline scores them (separately, summed). */
export function bm25Retriever(corpus: readonly BeirDocument[]): Retriever {
  const index = new Bm25Index();
  for (const doc of corpus) index.add(doc.id, doc);
  return { search: (query, k) => index.search(query, k) };
}

function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
  return Math.round(value * 100) / 100;
}

// `tsx kits/rag/src/eval/run-beir.ts DIR [split]` prints the report as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [dir, split] = process.argv.slice(2);
  if (!dir) {
    console.error("Usage: tsx kits/rag/src/eval/run-beir.ts <BEIR folder> [split, default test]");
    process.exit(2);
  }
  try {
    const report = await runBeir({ dir, ...(split ? { split } : {}) });
    console.log(JSON.stringify(report, null, 2));
  } catch (error) {
    if (!PathError.isInstance(error)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
