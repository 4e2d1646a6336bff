import { join } from "node:path";
import { useTempDir } from "@path/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { folderSource } from "../src/index/folder-source.js";
import { ingest } from "../src/index/ingest.js";
import { RagIndex } from "../src/index/rag-index.js";
import { type Retriever, search } from "../src/index/search.js";
import { embeddingRequests, embedModel, useFakeEmbeddings, writeFiles } from "./index-fixtures.js";

const fake = useFakeEmbeddings(256);
const temp = useTempDir("rag-index-search-");

const corpus = {
  "notes/lora.md":
    "# 微调\n\n## LoRA\n\nLoRA 是一种低秩适配方法：冻结原模型，只训练两个很小的矩阵。\nrank 越小，要训练的参数越少。\n",
  "notes/rag.md":
    "# 检索增强生成\n\n检索增强生成先从知识库里检索相关段落，再把段落交给模型生成回答。\n",
  "english/vectors.md":
    "# Vector databases\n\nA vector database stores embeddings and finds the nearest neighbours of a query quickly.\n",
  "english/bread.md":
    "# Baking\n\nSourdough bread needs a starter, flour, water and salt, and a long slow rise.\n",
  "recipes/pork.txt": "红烧肉要先焯水，再用冰糖炒糖色，最后小火慢炖一个小时。\n",
};

let index: RagIndex;
beforeAll(async () => {
  const folder = join(temp(), "docs");
  await writeFiles(folder, corpus);
  index = RagIndex.open(join(temp(), "index"));
  await ingest({ index, folder, source: folderSource(), model: embedModel });
  return () => index.close();
});

describe("search over a mixed 中文/English corpus", () => {
  const cases: Array<[query: string, path: string]> = [
    ["LoRA 的 rank 是什么意思", "notes/lora.md"],
    ["nearest neighbours of embeddings", "english/vectors.md"],
    ["怎么炒糖色", "recipes/pork.txt"],
    ["从知识库检索段落", "notes/rag.md"],
  ];
  for (const retriever of ["hybrid", "bm25", "vector"] as Retriever[]) {
    it(`${retriever} ranks the right passage first`, async () => {
      for (const [query, path] of cases) {
        const [best] = await search(index, query, { retriever, k: 3 });
        expect(best?.path, `${retriever}: ${query}`).toBe(path);
      }
    });
  }

  it("returns where each passage is: path, lines, headings, score, text", async () => {
    const passages = await search(index, "LoRA rank", { k: 2 });
    expect(passages).toHaveLength(2);
    expect(passages[0]).toMatchObject({
      path: "notes/lora.md",
      lineStart: 5,
      lineEnd: 6,
      headings: ["微调", "LoRA"],
      text: expect.stringContaining("低秩适配"),
    });
    expect(passages[0]!.score).toBeGreaterThan(passages[1]!.score);
  });

  it("fuses by reciprocal rank: a passage both retrievers find first scores 2/61", async () => {
    const [best] = await search(index, "Sourdough bread starter", { retriever: "hybrid", k: 1 });
    expect(best?.path).toBe("english/bread.md");
    expect(best?.score).toBeCloseTo(2 / 61, 10);
  });

  it("refuses to embed the query with another model than the index's", async () => {
    fake().reset();
    await expect(
      search(index, "LoRA", { retriever: "vector", model: "openai:text-embedding-3-large" }),
    ).rejects.toThrow(
      /built with the embedding model openai:text-embedding-3-small, not openai:text-embedding-3-large/,
    );
    expect(embeddingRequests(fake())).toBe(0);
  });

  it("says what is wrong with an empty query or an unknown retriever", async () => {
    await expect(search(index, "  ")).rejects.toThrow("The search query is empty");
    await expect(search(index, "x", { retriever: "dense" as Retriever })).rejects.toThrow(
      'Unknown retriever "dense": use bm25, vector or hybrid.',
    );
  });
});
