import { existsSync, mkdirSync } from "node:fs";
import { appendFile, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "@path/core";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { folderSource } from "../src/index/folder-source.js";
import { ingest } from "../src/index/ingest.js";
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
    RagIndex.open(folder);
  } catch (error) {
    return error as InvalidInputError;
  }
  throw new Error("the index opened");
}

/** The folder of the generation CURRENT names. */
async function currentGeneration(indexFolder: string): Promise<string> {
  const { generation } = JSON.parse(await readFile(join(indexFolder, "CURRENT"), "utf8"));
  return join(indexFolder, `gen-${String(generation).padStart(6, "0")}`);
}

function asideFolder(message: string): string {
  const aside = /moved to (\S+): ingest your folder again to rebuild the index\.$/.exec(
    message,
  )?.[1];
  expect(aside).toMatch(/damaged-/);
  return aside as string;
}

describe("the files of an index", () => {
  it("are one generation (chunks, vectors, BM25, manifest) named by CURRENT, and an empty journal after an ingest", async () => {
    const { indexFolder } = await builtIndex("layout");
    const generation = await currentGeneration(indexFolder);
    expect((await readdir(generation)).sort()).toEqual([
      "bm25.bin",
      "chunks.jsonl",
      "journal.jsonl",
      "manifest.json",
      "rows.json",
      "vectors.f32",
    ]);
    expect(await readFile(join(generation, "journal.jsonl"), "utf8")).toBe("");
    const manifest = JSON.parse(await readFile(join(generation, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ embedModel, dimensions: 64 });
    expect((await stat(join(generation, "vectors.f32"))).size).toBe(manifest.chunks * 64 * 4);
    expect(existsSync(join(indexFolder, "lock"))).toBe(false);
  });

  it("search the same from the saved BM25 and vectors as from an index rebuilt from the chunks", async () => {
    const { indexFolder } = await builtIndex("snapshot");
    const queries = ["Paragraph 2 of Beta", "Alpha", "paragraph"];
    const run = async () => {
      const index = RagIndex.open(indexFolder);
      const results = [];
      for (const query of queries) {
        for (const retriever of ["bm25", "hybrid"] as const) {
          results.push(await search(index, query, { retriever, k: 3, model: embedModel }));
        }
      }
      await index.close();
      return results;
    };
    const fromSnapshot = await run();
    expect(fromSnapshot[0]?.[0]?.path).toBe("b.md");
    // An analysis fingerprint that no longer matches makes the index rebuild BM25 from the text.
    const manifestPath = join(await currentGeneration(indexFolder), "manifest.json");
    const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, analyzer: "older" }));
    expect(await run()).toEqual(fromSnapshot);
  });
});

describe("a damaged index", () => {
  it("is moved aside with its bytes intact, and the message says where and how to rebuild", async () => {
    const { indexFolder } = await builtIndex("garbage");
    const garbage = Buffer.from("this is not an index pointer ".repeat(20));
    await writeFile(join(indexFolder, "CURRENT"), garbage);

    const error = openError(indexFolder);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain(`The index in ${indexFolder} is damaged (`);
    const aside = asideFolder(error.message);
    expect(await readFile(join(aside, "CURRENT"))).toEqual(garbage);
    expect((await readdir(aside)).some((name) => name.startsWith("gen-"))).toBe(true);
    expect(RagIndex.exists(indexFolder)).toBe(false);

    const fresh = RagIndex.open(indexFolder);
    expect(await fresh.stats()).toMatchObject({ files: 0, chunks: 0 });
    await fresh.close();
  });

  it("counts a file cut short as damaged too", async () => {
    const { indexFolder } = await builtIndex("truncated");
    const vectors = join(await currentGeneration(indexFolder), "vectors.f32");
    const bytes = await readFile(vectors);
    await writeFile(vectors, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(openError(indexFolder).message).toMatch(
      /is damaged \(vectors\.f32 has \d+ bytes, not \d+\); it was moved to/,
    );
  });

  it("drops a journal line cut short by a kill, but refuses a whole line that does not match its checksum", async () => {
    const { indexFolder } = await builtIndex("journal");
    const journal = join(await currentGeneration(indexFolder), "journal.jsonl");
    await appendFile(journal, '{"op":"forget","path":"a.md"}\t0123');
    const index = RagIndex.open(indexFolder);
    expect(await index.paths()).toEqual(["a.md", "b.md"]);
    await index.forget("b.md"); // the next write goes where the torn line was
    await index.close();
    const reopened = RagIndex.open(indexFolder);
    expect(await reopened.paths()).toEqual(["a.md"]);
    await reopened.close();

    await appendFile(
      join(await currentGeneration(indexFolder), "journal.jsonl"),
      '{"op":"forget","path":"a.md"}\t0123456789abcdef\n',
    );
    expect(openError(indexFolder).message).toMatch(/journal line 1 does not match its checksum/);
  });

  it("moves an index.sqlite from an earlier version of the kit aside instead of reading it", async () => {
    const indexFolder = join(temp(), "older");
    mkdirSync(indexFolder, { recursive: true });
    await writeFile(join(indexFolder, "index.sqlite"), "SQLite format 3\0");
    const message = openError(indexFolder).message;
    expect(message).toContain("an index.sqlite from an earlier version of the kit");
    expect(existsSync(join(asideFolder(message), "index.sqlite"))).toBe(true);
  });
});

describe("two writers", () => {
  it("are refused while the other is alive, naming its process; a dead one's lock is taken over", async () => {
    const { indexFolder } = await builtIndex("lock");
    await writeFile(join(indexFolder, "lock"), String(process.ppid));
    const index = RagIndex.open(indexFolder);
    await expect(index.forget("a.md")).rejects.toThrow(
      `Another process (pid ${process.ppid}) is writing the index in ${indexFolder}: wait for its ingest to finish, or stop it.`,
    );
    await writeFile(join(indexFolder, "lock"), "999999999");
    expect(await index.forget("a.md")).toBe(true);
    await index.close();
    expect(await RagIndex.open(indexFolder).paths()).toEqual(["b.md"]);
    expect(existsSync(join(indexFolder, "lock"))).toBe(false);
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
