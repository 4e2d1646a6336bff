/**
 * Quest: how good is retrieval, in numbers, on a BEIR-format test set.
 *
 *   npm run rag -- eval ./scifact --retriever bm25 --json
 */
import { embed } from "@path/core";
import { formatTable, parseCommandArgs, printJson, progressLine, UsageError } from "@path/kit-cli";
import type { BeirDocument } from "../eval/beir.js";
import { type Retriever as BeirRetriever, bm25Retriever, runBeir } from "../eval/run-beir.js";
import { unitVector } from "../index/unit-vector.js";
import { reciprocalRankFusion } from "../retrieval/fusion.js";
import { VectorIndex } from "../retrieval/vector-search.js";
import { retrieverFlag } from "./answer-flags.js";

export const help = `Usage: npm run rag -- eval <beir-folder> [options]

Runs every judged query of a BEIR-format set (corpus.jsonl, queries.jsonl, qrels/test.tsv)
and scores the ranking the way trec_eval does: nDCG@10, Recall@100 and MRR@10. The index
folder is not used: the set's corpus is indexed in memory.

Options:
  -r, --retriever <bm25|vector|hybrid>  what to measure (default: bm25)
      --embed-model <provider:model> embeds the corpus and queries for vector and hybrid
      --split <name>                the qrels file to score against (default: test)
      --json                        print one JSON object instead of a table
      --debug                       show stack traces on errors
  -h, --help                        this help`;

const flags = {
  retriever: { type: "string", short: "r" },
  "embed-model": { type: "string" },
  split: { type: "string" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new UsageError("give one BEIR folder: npm run rag -- eval ./scifact --retriever bm25");
  }
  const retriever = retrieverFlag(values.retriever ?? "bm25");
  const embedModel = values["embed-model"];
  const progress = progressLine();
  const report = await runBeir({
    dir: positionals[0] as string,
    ...(values.split ? { split: values.split } : {}),
    buildRetriever: (corpus) => buildRetriever(retriever, corpus, embedModel),
    onProgress: (done, total) => {
      if (!values.json) progress.update(`queries ${done}/${total}`, { fraction: done / total });
    },
  });
  progress.end();
  if (values.json) {
    printJson({ retriever, ...report });
    return 0;
  }
  const { metrics } = report;
  const rows = [
    ["nDCG@10", metrics.ndcg10.toFixed(4)],
    ["Recall@100", metrics.recall100.toFixed(4)],
    ["MRR@10", metrics.mrr10.toFixed(4)],
    ["queries", String(metrics.queries)],
    ["documents", String(report.documents)],
    ["query time", `p50 ${report.queryMs.p50} ms · p95 ${report.queryMs.p95} ms`],
  ];
  process.stdout.write(
    `${report.dataset} (${report.split}) · ${retriever}\n${formatTable(rows)}\n`,
  );
  return 0;
}

async function buildRetriever(
  retriever: "bm25" | "vector" | "hybrid",
  corpus: readonly BeirDocument[],
  embedModel: string | undefined,
): Promise<BeirRetriever> {
  const lexical = bm25Retriever(corpus);
  if (retriever === "bm25") return lexical;
  const model = embedModel ? { model: embedModel } : {};
  let vectors: VectorIndex | undefined;
  for (let start = 0; start < corpus.length; start += 64) {
    const batch = corpus.slice(start, start + 64);
    const { embeddings } = await embed({
      ...model,
      values: batch.map((doc) => `${doc.title}\n${doc.text}`.trim()),
    });
    embeddings.forEach((embedding, i) => {
      vectors ??= new VectorIndex(embedding.length);
      vectors.add((batch[i] as BeirDocument).id, unitVector(embedding));
    });
  }
  const semantic = async (query: string, k: number) => {
    if (!vectors) return [];
    const { embeddings } = await embed({ ...model, values: [query] });
    return vectors.search(unitVector(embeddings[0] as number[]), k);
  };
  if (retriever === "vector") return { search: semantic };
  return {
    search: async (query, k) =>
      reciprocalRankFusion([await lexical.search(query, k), await semantic(query, k)], {
        limit: k,
      }),
  };
}
