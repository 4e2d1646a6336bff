/** ingest, search, stats and forget as processes, and what each says for bad input. */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useRagCli } from "./cli-helpers.js";

const rag = useRagCli();

// Each test runs several CLI processes (a few seconds each), more on a busy machine.
describe("rag CLI: the index", { timeout: 120_000 }, () => {
  it("says to run ingest first when there is no index, and names the default folder in --help", async () => {
    const missing = await rag.run(["search", "LoRA"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /There is no index in \.rag-index: run `npm run rag -- ingest <folder>` first/,
    );
    const help = await rag.run(["ask", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--index <dir> .*default: \.\/\.rag-index in the current folder/);
  });

  it("refuses an empty folder in one line and leaves no index", async () => {
    await mkdir(join(rag.folder, "empty"), { recursive: true });
    const result = await rag.run(["ingest", "empty", "--index", "empty-index"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(
      /has no documents to ingest: add Markdown, text, HTML, PDF or DOCX/,
    );
    // No empty index is left behind to be mistaken for one.
    expect(existsSync(join(rag.folder, "empty-index"))).toBe(false);
  });

  it("ingests a folder with progress on stderr, lists the files it could not read, and keeps the rest", async () => {
    await mkdir(join(rag.folder, "notes"), { recursive: true });
    await writeFile(join(rag.folder, "notes", "broken.docx"), "this is not a zip archive");
    const result = await rag.ingestNotes();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ingesting {2}files \d+\/4 · chunks \d+ · embedded \d+/);
    expect(result.stdout).toMatch(
      /3 files read \(3 new, 0 changed\), 0 unchanged, 0 removed · \d+ passages, \d+ embedded/,
    );
    expect(result.stdout).toMatch(/openai:text-embedding-3-small/);
    expect(result.stderr).toMatch(
      /1 files could not be read \(the rest were ingested\):\n {2}broken\.docx: /,
    );

    const again = await rag.run(["ingest", "notes", "--json"]);
    const report = JSON.parse(again.stdout);
    expect(report).toMatchObject({ unchanged: 3, embedded: 0, added: [], changed: [] });
    expect(report.failed.map((failure: { path: string }) => failure.path)).toEqual(["broken.docx"]);
  });

  it("search ranks passages per retriever with file, lines and score, and calls no chat model", async () => {
    rag.server.reset();
    for (const retriever of ["bm25", "vector", "hybrid"]) {
      const result = await rag.run([
        "search",
        "low-rank matrices LoRA",
        "--retriever",
        retriever,
        "--json",
      ]);
      expect(result.code, result.stderr).toBe(0);
      const { passages } = JSON.parse(result.stdout);
      expect(passages[0]).toMatchObject({
        rank: 1,
        path: "lora.md",
        lines: expect.stringMatching(/^[1-3](-3)?$/),
      });
      expect(passages[0].text).toMatch(/two low-rank matrices/);
    }
    const text = await rag.run(["search", "学习率", "-r", "bm25", "-k", "1"]);
    expect(text.stdout).toMatch(/^1\. zh\/学习率\.md:\d+(-\d+)? {2}.*score \d+\.\d{4}/);
    expect(text.stdout).not.toMatch(/^2\./m);
    expect(rag.chatBodies()).toHaveLength(0);
    const wrong = await rag.run(["search", "x", "--retriever", "bm26"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--retriever is bm25, vector or hybrid, not "bm26"/);
  });

  it("stats counts what is stored; forget takes a file out by the end of its path", async () => {
    const before = JSON.parse((await rag.run(["stats", "--json"])).stdout);
    expect(before).toMatchObject({
      files: 3,
      failedFiles: ["broken.docx"],
      embedModel: "openai:text-embedding-3-small",
      dimensions: 256,
    });
    const table = await rag.run(["stats"]);
    expect(table.stdout).toMatch(/files +3\n/);
    expect(table.stdout).toMatch(/could not be read \(1\):\n {2}broken\.docx/);

    const forgot = await rag.run(["forget", "notes/search/bm25.md"]);
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stdout).toMatch(/^forgot search\/bm25\.md \(\d+ vectors deleted\)/);
    const after = JSON.parse((await rag.run(["stats", "--json"])).stdout);
    expect(after.files).toBe(2);
    expect(after.chunks).toBeLessThan(before.chunks);
    const search = JSON.parse(
      (await rag.run(["search", "BM25 term frequency", "-r", "bm25", "--json"])).stdout,
    );
    expect(search.passages.map((passage: { path: string }) => passage.path)).not.toContain(
      "search/bm25.md",
    );

    const unknown = await rag.run(["forget", "lora.mdx"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/The index has no file lora\.mdx; did you mean lora\.md\?/);
  });
});
