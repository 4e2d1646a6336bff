import { join } from "node:path";
import { ConnectionError, InvalidInputError } from "@path/core";
import { useTempDir } from "@path/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyStore } from "../src/index/copy-store.js";
import { folderSource } from "../src/index/folder-source.js";
import { ingest } from "../src/index/ingest.js";
import { RagIndex } from "../src/index/rag-index.js";
import type { FileRecord } from "../src/index/rag-store.js";
import { type Retriever, search } from "../src/index/search.js";
import type { Chunk } from "../src/ingest/document.js";
import { postgresUrl } from "../src/postgres/connection.js";
import { PgRagStore } from "../src/postgres/pg-store.js";
import { analyze } from "../src/retrieval/analyze.js";
import { embeddingRequests, embedModel, useFakeEmbeddings, writeFiles } from "./index-fixtures.js";
import { dropRagTables, serverConnections, usePostgres } from "./postgres-fixtures.js";

const server = useFakeEmbeddings(64);
const postgres = usePostgres();
const temp = useTempDir("rag-postgres-");

const corpus = {
  "notes/lora.md":
    "# 微调\n\n## LoRA\n\nLoRA 是一种低秩适配方法：冻结原模型，只训练两个很小的矩阵。\nrank 越小，要训练的参数越少。\n",
  "notes/rag.md":
    "# 检索增强生成\n\n检索增强生成先从知识库里检索相关段落，再把段落交给模型生成回答。\n\n向量数据库支持近似最近邻搜索。\n",
  "english/vectors.md":
    "# Vector databases\n\nA vector database stores embeddings and finds the nearest neighbours of a query quickly.\n",
  "english/bread.md":
    "# Baking\n\nSourdough bread needs a starter, flour, water and salt, and a long slow rise.\n",
  "recipes/pork.txt": "红烧肉要先焯水，再用冰糖炒糖色，最后小火慢炖一个小时。\n",
};

const queries = [
  "LoRA 的 rank 是什么意思",
  "nearest neighbours of embeddings",
  "怎么炒糖色",
  "从知识库检索段落",
  "数据库",
  "bread starter flour",
];

let index: RagIndex;
let store: PgRagStore;

beforeAll(async () => {
  const folder = join(temp(), "docs");
  await writeFiles(folder, corpus);
  index = RagIndex.open(join(temp(), "index"));
  await ingest({ index, folder, source: folderSource(), model: embedModel });
  await dropRagTables(postgres().db);
  store = await PgRagStore.open({ url: postgres().url, maxConnections: serverConnections });
  await copyStore(index, store);
});

afterAll(async () => {
  await store?.close();
  index?.close();
});

describe("the Postgres store answers as the embedded index does", () => {
  it("holds the same files, chunks, vectors and model", async () => {
    const embedded = await index.stats();
    const stats = await await store.stats();
    expect(stats).toMatchObject({
      files: embedded.files,
      chunks: embedded.chunks,
      tokens: embedded.tokens,
      vectors: embedded.vectors,
      embedModel,
      dimensions: 64,
      location: "PostgreSQL database postgres",
    });
    expect(await await store.paths()).toEqual(await index.paths());
  });

  for (const retriever of ["bm25", "vector", "hybrid"] as Retriever[]) {
    it(`${retriever}: same passages in the same order, same scores`, async () => {
      for (const query of queries) {
        const expected = await search(index, query, { retriever, k: 4 });
        const got = await search(store, query, { retriever, k: 4 });
        expect(
          got.map((p) => p.id),
          `${retriever}: ${query}`,
        ).toEqual(expected.map((p) => p.id));
        got.forEach((passage, i) => {
          const want = expected[i];
          expect(passage.score).toBeCloseTo(want?.score ?? Number.NaN, 5);
          expect({ ...passage, score: 0 }).toEqual({ ...want, score: 0 });
        });
      }
    });
  }

  it("finds Chinese words by the kit's own segmentation (Postgres' simple parser cannot)", async () => {
    const [best] = await search(store, "数据库", { retriever: "bm25", k: 1 });
    expect(best?.path).toBe("notes/rag.md");
    expect(best?.text).toContain("向量数据库");
    const simple = await store.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM rag_chunks WHERE to_tsvector('simple', text) @@ plainto_tsquery('simple', '数据库')",
    );
    expect(Number(simple.rows[0]?.n)).toBe(0);
  });

  it("uses the HNSW index for vector search", async () => {
    const client = await store.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL enable_seqscan = off");
      const plan = await client.query<{ "QUERY PLAN": string }>(
        "EXPLAIN SELECT hash FROM rag_vectors ORDER BY embedding <=> (SELECT embedding FROM rag_vectors LIMIT 1) LIMIT 5",
      );
      await client.query("ROLLBACK");
      expect(plan.rows.map((row) => row["QUERY PLAN"]).join("\n")).toContain("rag_vectors_hnsw");
    } finally {
      client.release();
    }
  });

  it("a query with no indexable terms gives no BM25 passages", async () => {
    expect(analyze("，。！")).toEqual([]);
    expect(await search(store, "，。！", { retriever: "bm25" })).toEqual([]);
  });
});

describe("incremental upsert by content hash", () => {
  const record = (path: string, hash: string): FileRecord => ({
    path,
    hash,
    size: 1,
    mtimeMs: 1,
    status: "indexed",
    notes: [],
  });
  const chunk = (path: string, text: string, line: number, headings: string[] = []): Chunk => ({
    id: `${path}#${text.length}-${text.slice(0, 12)}`,
    path,
    headings,
    lineStart: line,
    lineEnd: line,
    text,
    hash: `h-${text}`,
    tokens: 3,
  });
  const vector = (seed: number) =>
    Float32Array.from({ length: 64 }, (_, i) => Math.sin(seed * 7 + i));
  const docsOf = async (path: string) =>
    (
      await store.pool.query<{ id: string; doc: string; line_start: number }>(
        "SELECT id, doc, line_start FROM rag_chunks WHERE path = $1 ORDER BY doc",
        [path],
      )
    ).rows;
  const fieldStatsMatchChunks = async () => {
    const { rows } = await store.pool.query<{ kept: string; counted: string }>(`
      SELECT s.doc_count::text || '/' || s.total_length AS kept,
        (SELECT count(*) FILTER (WHERE field_lengths[s.field + 1] > 0)::text || '/' || coalesce(sum(field_lengths[s.field + 1]), 0) FROM rag_chunks) AS counted
      FROM rag_field_stats s ORDER BY s.field`);
    for (const row of rows) expect(row.kept).toBe(row.counted);
  };
  const path = "live/edit.md";
  const first = [chunk(path, "alpha beta gamma", 1), chunk(path, "delta epsilon", 3)];

  it("an unchanged file rewrites no chunk; an edit replaces only the changed one", async () => {
    const vectors = new Map(first.map((c, i) => [c.hash, vector(i)]));
    await store.commitFile(record(path, "v1"), first, vectors, embedModel);
    const before = await docsOf(path);
    expect(await await store.missingVectors(first.map((c) => c.hash))).toEqual([]);

    await store.commitFile(record(path, "v1"), first, new Map(), embedModel);
    expect(await docsOf(path)).toEqual(before);

    const edited = [chunk(path, "alpha beta gamma", 2), chunk(path, "zeta eta", 4)];
    expect(await await store.missingVectors(edited.map((c) => c.hash))).toEqual(["h-zeta eta"]);
    await store.commitFile(
      record(path, "v2"),
      edited,
      new Map([["h-zeta eta", vector(9)]]),
      embedModel,
    );
    const after = await docsOf(path);
    expect(after[0]).toEqual({ ...before[0], line_start: 2 });
    expect(after.map((row) => row.id)).toEqual(edited.map((c) => c.id));
    expect(Number(after[1]?.doc)).toBeGreaterThan(Number(before[1]?.doc));
    const [hit] = await search(store, "zeta", { retriever: "bm25", k: 1 });
    expect(hit?.id).toBe(edited[1]?.id);
    expect(await search(store, "epsilon", { retriever: "bm25" })).toEqual([]);
    await fieldStatsMatchChunks();
    expect((await await store.fileRecord(path))?.hash).toBe("v2");
  });

  it("a new heading above an unchanged text re-indexes that chunk's terms", async () => {
    const moved = [chunk(path, "alpha beta gamma", 2, ["Omega"]), chunk(path, "zeta eta", 4)];
    await store.commitFile(record(path, "v3"), moved, new Map(), embedModel);
    const [hit] = await search(store, "omega", { retriever: "bm25", k: 1 });
    expect(hit?.headings).toEqual(["Omega"]);
    await fieldStatsMatchChunks();
  });

  it("forget removes the file, its chunks and their postings; unused vectors can be dropped", async () => {
    expect(await store.forget(path)).toBe(true);
    expect(await store.forget(path)).toBe(false);
    expect(await docsOf(path)).toEqual([]);
    const orphans = await store.pool.query(
      "SELECT 1 FROM rag_postings p WHERE NOT EXISTS (SELECT 1 FROM rag_chunks c WHERE c.doc = p.doc)",
    );
    expect(orphans.rowCount).toBe(0);
    expect(await store.dropUnusedVectors()).toBe(3);
    await fieldStatsMatchChunks();
  });

  it("a failed commit leaves nothing behind (one transaction per file)", async () => {
    const before = await await store.stats();
    const wrongSize = new Map([["h-new text", new Float32Array(8).fill(0.5)]]);
    await expect(
      store.commitFile(
        record("live/bad.md", "x"),
        [chunk("live/bad.md", "new text", 1)],
        wrongSize,
        embedModel,
      ),
    ).rejects.toThrow(/8-dimensional vectors, the database holds 64/);
    expect(await await store.stats()).toEqual(before);
    expect(await await store.fileRecord("live/bad.md")).toBeUndefined();
  });

  it("refuses vectors from another embedding model, naming both", async () => {
    const other = "openai:text-embedding-3-large";
    const error = await store
      .commitFile(
        record("live/other.md", "x"),
        [chunk("live/other.md", "other", 1)],
        new Map([["h-other", vector(1)]]),
        other,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error)).toContain(embedModel);
    expect(String(error)).toContain(other);
    const requestsBefore = embeddingRequests(server());
    await expect(search(store, "rank", { model: other, retriever: "vector" })).rejects.toThrow(
      /text-embedding-3-small, not openai:text-embedding-3-large/,
    );
    expect(embeddingRequests(server())).toBe(requestsBefore);
  });

  it("copying the same index again skips every file", async () => {
    const again = await copyStore(index, store);
    expect(again).toEqual({ files: 0, skipped: (await index.paths()).length, chunks: 0 });
  });
});

describe("connections", () => {
  it("reads --pg, then DATABASE_URL, and says what to pass when neither is set", () => {
    expect(postgresUrl("postgres://a@h/db", { DATABASE_URL: "postgres://b@h/db" })).toBe(
      "postgres://a@h/db",
    );
    expect(postgresUrl(undefined, { DATABASE_URL: "postgresql://b@h/db" })).toBe(
      "postgresql://b@h/db",
    );
    expect(() => postgresUrl(undefined, {})).toThrow(/--pg postgres:\/\/.*DATABASE_URL/);
    expect(() => postgresUrl("mysql://x", {})).toThrow(/not a PostgreSQL URL/);
  });

  it("a server that is not there is one ConnectionError line naming --pg / DATABASE_URL", async () => {
    const probe = new pg.Pool({ connectionString: postgres().url, max: 1 });
    await probe.end();
    const error = await PgRagStore.open({ url: "postgres://postgres@127.0.0.1:1/postgres" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(String((error as Error).message)).toMatch(
      /^Could not reach PostgreSQL: .*--pg \/ DATABASE_URL/,
    );
    expect((error as Error).message).not.toContain("\n");
  });

  it("a pool of the server's size runs searches concurrently", async () => {
    const results = await Promise.all(
      queries.map((query) => search(store, query, { retriever: "hybrid", k: 2 })),
    );
    expect(results.every((passages) => passages.length > 0)).toBe(true);
  });
});
