import { mkdir, readFile, rename, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { folderSource } from "../src/index/folder-source.js";
import { ingest } from "../src/index/ingest.js";
import { RagIndex } from "../src/index/rag-index.js";
import {
  embeddedTexts,
  embeddingRequests,
  embedModel,
  note,
  useFakeEmbeddings,
  writeFiles,
} from "./index-fixtures.js";

const fake = useFakeEmbeddings();
const temp = useTempDir("rag-index-ingest-");
// Small chunks with no overlap: each paragraph of a note is a chunk of its own.
const source = folderSource({ maxTokens: 60, overlapTokens: 0 });

const docxFixture = () => readFile(new URL("../fixtures/docs/meeting-notes.docx", import.meta.url));

async function setUp(name: string, files: Record<string, string | Buffer>) {
  const folder = join(temp(), name, "docs");
  await mkdir(folder, { recursive: true });
  await writeFiles(folder, files);
  const index = RagIndex.open(join(temp(), name, "index"));
  const run = () => ingest({ index, folder, source, model: embedModel });
  return { folder, index, run };
}

describe("incremental ingest", () => {
  it("embeds every chunk once, then nothing when the folder is unchanged or only touched", async () => {
    const { folder, index, run } = await setUp("unchanged", {
      "a.md": note("Alpha", 3),
      "sub/b.md": note("Beta", 2),
      "c.txt": "A plain text file about gamma rays.\n",
    });
    fake().reset();
    const first = await run();
    expect(first.added).toEqual(["a.md", "c.txt", "sub/b.md"]);
    expect(first.embedded).toBe((await index.stats()).chunks);
    expect(new Set(embeddedTexts(fake())).size).toBe(embeddedTexts(fake()).length);

    fake().reset();
    const again = await run();
    expect(again).toMatchObject({ added: [], changed: [], unchanged: 3, embedded: 0 });
    expect(embeddingRequests(fake())).toBe(0);

    const later = new Date(Date.now() + 60_000);
    await utimes(join(folder, "a.md"), later, later);
    const touched = await run();
    expect(touched).toMatchObject({ changed: [], unchanged: 3, embedded: 0 });
    expect(embeddingRequests(fake())).toBe(0);
    await index.close();
  });

  it("re-embeds only the chunks an edit changed, and forgets a deleted file", async () => {
    const { folder, index, run } = await setUp("edited", {
      "a.md": note("Alpha", 4),
      "b.md": note("Beta", 2),
    });
    await run();
    const before = await index.stats();
    const edited = note("Alpha", 4).replace("Paragraph 3 of Alpha", "Paragraph three of Alpha");
    await writeFile(join(folder, "a.md"), edited);
    await rm(join(folder, "b.md"));
    fake().reset();
    const report = await run();

    expect(report).toMatchObject({ changed: ["a.md"], removed: ["b.md"] });
    const texts = embeddedTexts(fake());
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain("Paragraph three of Alpha");
    expect(report.embedded).toBe(texts.length);
    expect(report.reused).toBeGreaterThan(0);
    expect(await index.paths()).toEqual(["a.md"]);
    const after = await index.stats();
    expect(after.chunks).toBeLessThan(before.chunks);
    // Vectors only b.md used, and the replaced chunk's, are gone with them.
    expect(after.vectors).toBe(after.chunks);
    await index.close();
  });

  it("embeds nothing for a renamed file: its texts keep their vectors", async () => {
    const { folder, index, run } = await setUp("renamed", {
      "old-name.md": note("Moved", 3),
      "other.md": note("Other", 1),
    });
    await run();
    const before = await index.stats();
    await rename(join(folder, "old-name.md"), join(folder, "new-name.md"));
    fake().reset();
    const report = await run();
    expect(report).toMatchObject({ added: ["new-name.md"], removed: ["old-name.md"], embedded: 0 });
    expect(report.reused).toBe(3);
    expect(embeddingRequests(fake())).toBe(0);
    expect(await index.stats()).toMatchObject({ chunks: before.chunks, vectors: before.vectors });
    await index.close();
  });

  it("keeps the chunks of an indexed file that can no longer be read", async () => {
    const { folder, index, run } = await setUp("became-unreadable", {
      "report.docx": await docxFixture(),
      "note.md": note("Note", 1),
    });
    await run();
    const chunks = (await index.stats()).chunks;
    await writeFile(join(folder, "report.docx"), "damaged now");
    const report = await run();
    expect(report.failed.map((failure) => failure.path)).toEqual(["report.docx"]);
    expect(await index.stats()).toMatchObject({ chunks, failedFiles: [] });
    expect(await index.fileRecord("report.docx")).toMatchObject({ status: "indexed" });
    await index.close();
  });

  it("leaves out an index kept inside the folder, and notes a symlink out of it", async () => {
    const folder = join(temp(), "inside", "docs");
    await writeFiles(folder, { "a.md": note("Alpha", 1) });
    await writeFiles(join(temp(), "inside"), { "outside.md": note("Outside", 1) });
    await symlink(join(temp(), "inside", "outside.md"), join(folder, "link.md"));
    const index = RagIndex.open(join(folder, "rag-index"));
    const run = () => ingest({ index, folder, source, model: embedModel });
    const first = await run();
    expect(first.added).toEqual(["a.md"]);
    expect(first.notes).toEqual([
      { path: "link.md", note: "skipped: symlink to outside the folder: not followed" },
    ]);
    const second = await run();
    expect(second).toMatchObject({ added: [], changed: [], unchanged: 1, removed: [] });
    expect(await index.paths()).toEqual(["a.md"]);
    await index.close();
  });

  it("lists a file that cannot be read and ingests the rest", async () => {
    const { index, run } = await setUp("failing", {
      "good.md": note("Good", 1),
      "broken.docx": "this is not a zip archive at all",
    });
    const report = await run();
    expect(report.added).toEqual(["good.md"]);
    expect(report.failed).toEqual([
      { path: "broken.docx", reason: expect.stringMatching(/DOCX.*damaged/) },
    ]);
    expect(await index.stats()).toMatchObject({ files: 1, failedFiles: ["broken.docx"] });
    await index.close();
  });

  it("keeps a skipped file's note and gives it no chunks", async () => {
    const { index, run } = await setUp("skipped", {
      "good.md": note("Good", 1),
      "empty.txt": "",
    });
    const report = await run();
    expect(report.notes).toEqual([{ path: "empty.txt", note: "skipped: empty file" }]);
    expect(await index.fileRecord("empty.txt")).toMatchObject({ status: "empty" });
    await index.close();
  });

  it("refuses an empty folder in one line, before embedding anything", async () => {
    const { folder, index } = await setUp("empty", {});
    fake().reset();
    await expect(ingest({ index, folder, source, model: embedModel })).rejects.toThrow(
      /has no documents to ingest: add Markdown/,
    );
    await expect(
      ingest({ index, folder: join(folder, "missing"), source, model: embedModel }),
    ).rejects.toThrow(/missing is not a folder: give the folder of documents to ingest/);
    expect(embeddingRequests(fake())).toBe(0);
    await index.close();
  });

  it("stops between files when cancelled, keeping the files already committed", async () => {
    const { index, folder } = await setUp("cancelled", {
      "a.md": note("Alpha", 1),
      "b.md": note("Beta", 1),
      "c.md": note("Gamma", 1),
    });
    const controller = new AbortController();
    const run = ingest({
      index,
      folder,
      source,
      model: embedModel,
      batchSize: 1,
      signal: controller.signal,
      onProgress: ({ files }) => {
        if (files === 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortedError" });
    expect(await index.paths()).toEqual(["a.md"]);
    const resumed = await ingest({ index, folder, source, model: embedModel });
    expect(resumed).toMatchObject({ added: ["b.md", "c.md"], unchanged: 1 });
    await index.close();
  });

  it("reports progress per file with chunks and embedded counts", async () => {
    const { index, folder } = await setUp("progress", {
      "a.md": note("Alpha", 2),
      "b.md": note("Beta", 2),
    });
    const seen: Array<{ files: number; chunks: number; embedded: number }> = [];
    await ingest({
      index,
      folder,
      source,
      model: embedModel,
      batchSize: 1,
      onProgress: ({ files, chunks, embedded }) => seen.push({ files, chunks, embedded }),
    });
    expect(seen.map((step) => step.files)).toEqual([1, 2]);
    expect(seen.at(-1)).toEqual({ files: 2, chunks: 4, embedded: 4 });
    await index.close();
  });
});

describe("the embedding model", () => {
  it("keeps to the index's model when none is named", async () => {
    const { folder, index, run } = await setUp("model-kept", { "a.md": note("Alpha", 1) });
    await run();
    await writeFile(join(folder, "b.md"), note("Beta", 1));
    fake().reset();
    const report = await ingest({ index, folder, source });
    expect(report).toMatchObject({ embedModel, added: ["b.md"], embedded: 1 });
    expect(embeddingRequests(fake())).toBe(1);
    await index.close();
  });

  it("refuses another model than the index was built with, naming both", async () => {
    const { folder, index, run } = await setUp("model", { "a.md": note("Alpha", 1) });
    await run();
    expect(await index.embedModel()).toBe(embedModel);
    await writeFile(join(folder, "b.md"), note("Beta", 1));
    fake().reset();
    const other = "openai:text-embedding-3-large";
    await expect(ingest({ index, folder, source, model: other })).rejects.toThrow(
      `built with the embedding model ${embedModel}, not ${other}; vectors from two models cannot be mixed`,
    );
    expect(embeddingRequests(fake())).toBe(0);
    expect(await index.paths()).toEqual(["a.md"]);
    await index.close();
  });
});
