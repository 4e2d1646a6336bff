/**
 * The rag kit's bench: ingest throughput, query p50/p95 for bm25, vector and hybrid, on the
 * embedded store and on the PostgreSQL adapter (PGlite + pgvector over its socket server, the
 * `pg` client over TCP), and HNSW recall@10 against exact search. Precomputed vectors: the
 * query's embedding call is not timed.
 *
 *   npm run bench -w kits/rag -- [--sizes 10000,100000] [--stores embedded,postgres] [--queries 100]
 *
 * With DATABASE_URL set, the Postgres runs use that server instead of PGlite.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { EmbeddingModel } from "@path/core";
import { RagIndex } from "../src/index/rag-index.js";
import { type Retriever, search } from "../src/index/search.js";
import type { Chunk } from "../src/ingest/document.js";
import { PgRagStore } from "../src/postgres/pg-store.js";
import { type SyntheticCorpus, syntheticCorpus } from "./synthetic-corpus.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    stores: { type: "string", default: "embedded,postgres" },
    queries: { type: "string", default: "100" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const stores = values.stores.split(",");
const retrievers: Retriever[] = ["bm25", "vector", "hybrid"];
const modelName = "bench:lowrank-384";

function report(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

async function timeQueries(run: (i: number) => Promise<unknown>, count: number) {
  for (let i = 0; i < Math.min(5, count); i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 0.5)), p95: round(percentile(times, 0.95)) };
}

const round = (n: number) => Math.round(n * 100) / 100;

function byFile(corpus: SyntheticCorpus): Array<{ path: string; chunks: Chunk[]; rows: number[] }> {
  const files = new Map<string, { path: string; chunks: Chunk[]; rows: number[] }>();
  corpus.chunks.forEach((chunk, row) => {
    const file = files.get(chunk.path) ?? { path: chunk.path, chunks: [], rows: [] };
    file.chunks.push(chunk);
    file.rows.push(row);
    files.set(chunk.path, file);
  });
  return [...files.values()];
}

function vectorsOf(corpus: SyntheticCorpus, file: { chunks: Chunk[]; rows: number[] }) {
  const d = corpus.dimensions;
  return new Map(
    file.chunks.map((chunk, i) => {
      const row = file.rows[i] as number;
      return [chunk.hash, corpus.vectors.slice(row * d, (row + 1) * d)];
    }),
  );
}

const record = (path: string) => ({
  path,
  hash: path,
  size: 0,
  mtimeMs: 0,
  status: "indexed" as const,
  notes: [],
});

/** Answers each bench query with its precomputed vector, at once: no embedding is timed. */
function precomputedModel(corpus: SyntheticCorpus): EmbeddingModel {
  const byText = new Map(corpus.queries.map((q) => [q.text, Array.from(q.vector)]));
  return {
    specVersion: "v1",
    provider: "bench",
    modelId: "lowrank-384",
    async doEmbed({ values }) {
      return { embeddings: values.map((v) => byText.get(v) ?? []), warnings: [] };
    },
  };
}

async function benchEmbedded(corpus: SyntheticCorpus, size: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "rag-bench-"));
  const writer = RagIndex.open(folder);
  let start = performance.now();
  for (const file of byFile(corpus)) {
    await writer.commitFile(record(file.path), file.chunks, vectorsOf(corpus, file), modelName);
  }
  const ingestS = (performance.now() - start) / 1000;
  start = performance.now();
  await writer.dropUnusedVectors(); // writes the generation an ingest ends with
  const snapshotS = (performance.now() - start) / 1000;
  await writer.close();
  // What every `ask` pays: open the folder, load BM25, then the vectors.
  start = performance.now();
  const index = RagIndex.open(folder);
  await index.bm25(["rank"], 10);
  const openBm25S = (performance.now() - start) / 1000;
  await index.nearest(corpus.queries[0]?.vector as Float32Array, 10);
  const openAllS = (performance.now() - start) / 1000;
  try {
    report({
      store: "embedded",
      size,
      ingestS: round(ingestS),
      chunksPerS: Math.round(size / ingestS),
      snapshotS: round(snapshotS),
      openWithBm25S: round(openBm25S),
      openWithVectorsS: round(openAllS),
      rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    });
    const model = precomputedModel(corpus);
    for (const retriever of retrievers) {
      const t = await timeQueries(
        (i) => search(index, corpus.queries[i]?.text as string, { retriever, k: 10, model }),
        corpus.queries.length,
      );
      report({ store: "embedded", size, retriever, ...t });
    }
    const vectors = index.searchState().vectors;
    if (vectors) {
      const query = (i: number) => corpus.queries[i]?.vector as Float32Array;
      const exactTime = await timeQueries(
        async (i) => vectors.searchExact(query(i), 10),
        corpus.queries.length,
      );
      let found = 0;
      corpus.queries.forEach((_, i) => {
        const exact = new Set(vectors.searchExact(query(i), 10).map((hit) => hit.id));
        found += vectors.search(query(i), 10).filter((hit) => exact.has(hit.id)).length;
      });
      const recallAt10 = round(found / (corpus.queries.length * 10));
      report({ store: "embedded", size, retriever: "vector exact scan", ...exactTime, recallAt10 });
    }
  } finally {
    await index.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function withPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const { PGlite } = await import("@electric-sql/pglite");
  const { vector } = await import("@electric-sql/pglite-pgvector");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, port: 0, maxConnections: 4 });
  await server.start();
  try {
    return await work(`postgres://postgres@${server.getServerConn()}/postgres`);
  } finally {
    await server.stop();
    await db.close();
  }
}

async function benchPostgres(corpus: SyntheticCorpus, size: number): Promise<void> {
  await withPostgres(async (url) => {
    const store = await PgRagStore.open({ url, hnsw: false });
    try {
      await store.pool.query(
        "DROP TABLE IF EXISTS rag_postings, rag_vectors, rag_chunks, rag_files, rag_meta, rag_field_stats CASCADE",
      );
      await store.close();
    } catch (error) {
      await store.close();
      throw error;
    }
    const pgStore = await PgRagStore.open({ url, hnsw: false, maxConnections: 4 });
    try {
      let start = performance.now();
      for (const file of byFile(corpus)) {
        await pgStore.commitFile(
          record(file.path),
          file.chunks,
          vectorsOf(corpus, file),
          modelName,
        );
      }
      const ingestS = (performance.now() - start) / 1000;
      await pgStore.pool.query("SET maintenance_work_mem = '512MB'");
      start = performance.now();
      await pgStore.buildVectorIndex();
      const hnswS = (performance.now() - start) / 1000;
      await pgStore.pool.query("ANALYZE");
      report({
        store: "postgres",
        size,
        ingestS: round(ingestS),
        chunksPerS: Math.round(size / ingestS),
        hnswBuildS: round(hnswS),
      });
      const q = corpus.queries;
      for (const retriever of retrievers) {
        const t = await timeQueries(
          (i) =>
            search(pgStore, q[i]?.text as string, {
              retriever,
              k: 10,
              queryVector: q[i]?.vector as Float32Array,
            }),
          q.length,
        );
        report({ store: "postgres", size, retriever, ...t });
      }
      const exact = await Promise.all(q.map((query) => pgStore.nearestExact(query.vector, 10)));
      for (const efSearch of [40, 100, 200]) {
        let found = 0;
        const t = await timeQueries(async (i) => {
          const hits = await pgStore.nearest(q[i]?.vector as Float32Array, 10, efSearch);
          const truth = new Set((exact[i] ?? []).map((hit) => hit.id));
          found += hits.filter((hit) => truth.has(hit.id)).length;
        }, q.length);
        const runs = q.length + Math.min(5, q.length);
        report({
          store: "postgres",
          size,
          ann: "hnsw m16 efc64",
          efSearch,
          recallAt10: round(found / (10 * runs)),
          ...t,
        });
      }
      const exactTime = await timeQueries(
        (i) => pgStore.nearestExact(q[i]?.vector as Float32Array, 10),
        Math.min(20, q.length),
      );
      report({ store: "postgres", size, retriever: "vector exact scan", ...exactTime });
    } finally {
      await pgStore.close();
    }
  });
}

for (const size of sizes) {
  const start = performance.now();
  const corpus = syntheticCorpus(size, Number(values.queries));
  report({ size, corpusS: round((performance.now() - start) / 1000) });
  if (stores.includes("embedded")) await benchEmbedded(corpus, size);
  if (stores.includes("postgres")) await benchPostgres(corpus, size);
}
