import { existsSync, mkdirSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "@path/core";
import { useTempDir } from "@path/testing";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { folderSource } from "../src/index/folder-source.js";
import { ingest } from "../src/index/ingest.js";
import { indexFileName } from "../src/index/open-database.js";
import { RagIndex } from "../src/index/rag-index.js";
import { search } from "../src/index/search.js";
import { embedModel, note, useFakeEmbeddings, writeFiles } from "./index-fixtures.js";

useFakeEmbeddings();
const temp = useTempDir("rag-index-store-");

async function builtIndex(name: string): Promise<{ folder: string; indexFolder: string }> {
  const folder = join(temp(), name, "docs");
  const indexFolder = join(temp(), name, "index");
  await writeFiles(folder, { "a.md": note("Alpha", 2), "b.md": note("Beta", 2) });
  const index = RagIndex.open(indexFolder);
  await ingest({ index, folder, source: folderSource(), model: embedModel });
  await index.close();
  return { folder, indexFolder };
}

function openError(folder: string): InvalidInputError {
  try {
    RagIndex.open(folder).close();
  } catch (error) {
    return error as InvalidInputError;
  }
  throw new Error("the index opened");
}

describe("a damaged index", () => {
  it("is moved aside with its bytes intact, and the message says where and how to rebuild", async () => {
    const { indexFolder } = await builtIndex("garbage");
    const file = join(indexFolder, indexFileName);
    const garbage = Buffer.from("this is not a SQLite database ".repeat(200));
    await writeFile(file, garbage);

    const error = openError(indexFolder);
    expect(error).toBeInstanceOf(InvalidInputError);
    const aside = /moved to (\S+): ingest your folder again to rebuild the index\.$/.exec(
      error.message,
    )?.[1];
    expect(error.message).toContain(`The index ${file} is damaged (`);
    expect(aside).toMatch(/index\.sqlite\.damaged-/);
    expect(await readFile(aside as string)).toEqual(garbage);
    expect(existsSync(file)).toBe(false);

    const fresh = RagIndex.open(indexFolder);
    expect(await fresh.stats()).toMatchObject({ files: 0, chunks: 0 });
    await fresh.close();
  });

  it("counts a truncated file as damaged too", async () => {
    const { indexFolder } = await builtIndex("truncated");
    const file = join(indexFolder, indexFileName);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(openError(indexFolder).message).toMatch(/is damaged \(.*\); it was moved to/);
    const names = await readdir(indexFolder);
    expect(names.some((name) => name.startsWith(`${indexFileName}.damaged-`))).toBe(true);
  });

  it("never writes into another program's SQLite file", async () => {
    const indexFolder = join(temp(), "foreign");
    mkdirSync(indexFolder, { recursive: true });
    const other = new Database(join(indexFolder, indexFileName));
    other.exec("CREATE TABLE contacts (name TEXT)");
    other.close();
    expect(openError(indexFolder).message).toContain("SQLite file with other tables (contacts)");
  });
});

describe("the stored BM25 terms", () => {
  it("are redone when the analysis has changed since the index was built", async () => {
    const { indexFolder } = await builtIndex("analyzer");
    const db = new Database(join(indexFolder, indexFileName));
    db.exec("UPDATE meta SET value = 'older' WHERE key = 'analyzer'");
    db.exec("UPDATE chunks SET terms = x''");
    db.exec("DELETE FROM terms");
    db.close();

    const index = RagIndex.open(indexFolder);
    const [best] = await search(index, "Paragraph 2 of Beta", { retriever: "bm25", k: 1 });
    expect(best?.path).toBe("b.md");
    await index.close();
  });
});

describe("forget and stats", () => {
  it("forgets one file's chunks and vectors, and says so", async () => {
    const { indexFolder } = await builtIndex("forget");
    const index = RagIndex.open(indexFolder);
    const before = await index.stats();
    expect(before).toMatchObject({ files: 2, embedModel, dimensions: 64, failedFiles: [] });
    expect(before.chunks).toBeGreaterThan(0);
    expect(before.tokens).toBeGreaterThan(before.chunks);

    const chunks = await index.chunksOf("a.md");
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks[0]).toMatchObject({ path: "a.md", headings: ["Alpha"], lineStart: 3 });
    const vector = (await index.vectorsOf([chunks[0]!.hash])).get(chunks[0]!.hash);
    expect(vector).toHaveLength(64);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);

    expect(await index.forget("a.md")).toBe(true);
    expect(await index.chunksOf("a.md")).toEqual([]);
    expect(await index.forget("a.md")).toBe(false);
    expect(await index.paths()).toEqual(["b.md"]);
    expect(await index.dropUnusedVectors()).toBeGreaterThan(0);
    const after = await index.stats();
    expect(after.files).toBe(1);
    expect(after.vectors).toBe(after.chunks);
    await index.close();
  });
});
