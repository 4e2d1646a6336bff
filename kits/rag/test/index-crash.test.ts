import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { folderSource } from "../src/index/folder-source.js";
import { ingest } from "../src/index/ingest.js";
import { RagIndex } from "../src/index/rag-index.js";
import type { FileRecord } from "../src/index/rag-store.js";
import {
  embeddedTexts,
  embedModel,
  note,
  useFakeEmbeddings,
  writeFiles,
} from "./index-fixtures.js";

const fake = useFakeEmbeddings();
const temp = useTempDir("rag-index-crash-");
const childScript = fileURLToPath(new URL("./index-ingest-child.ts", import.meta.url));
const source = folderSource({ maxTokens: 60, overlapTokens: 0 });
const fileCount = 12;

/** Starts the ingest as a process and kills it (SIGKILL) once it has committed `after` files. */
function ingestAndKill(folder: string, indexFolder: string, after: number) {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(
    process.execPath,
    ["--conditions=@path/source", "--import", tsx, childScript, folder, indexFolder],
    { env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (data) => {
    stderr += data;
  });
  let committed = 0;
  child.stdout.on("data", (data: Buffer) => {
    for (const line of data.toString().split("\n")) {
      if (!line.startsWith("{")) continue;
      committed = (JSON.parse(line) as { files: number }).files;
      if (committed >= after) child.kill("SIGKILL");
    }
  });
  return new Promise<{ signal: string | null; committed: number; stderr: string }>((resolve) => {
    child.on("exit", (_code, signal) => resolve({ signal, committed, stderr }));
  });
}

/** What a reader sees: opening the index replays the journal the killed process left. */
async function readIndex(indexFolder: string) {
  const index = RagIndex.open(indexFolder);
  const files = [];
  const chunks = [];
  for (const path of await index.paths()) {
    files.push((await index.fileRecord(path)) as FileRecord);
    chunks.push(...(await index.chunksOf(path)));
  }
  const vectorHashes = new Set((await index.vectorsOf(chunks.map((chunk) => chunk.hash))).keys());
  const stats = await index.stats();
  await index.close();
  return { files, chunks, vectorHashes, stats };
}

describe("kill -9 in the middle of an ingest", () => {
  it("leaves a consistent index that the next ingest completes without embedding anything twice", async () => {
    const folder = join(temp(), "docs");
    const files: Record<string, string> = {};
    for (let i = 0; i < fileCount; i++)
      files[`note-${String(i).padStart(2, "0")}.md`] = note(`Topic${i}`, 3);
    await writeFiles(folder, files);
    const indexFolder = join(temp(), "index");
    // Slow embeddings, so the kill lands while files are still to come.
    fake().inject({ path: "/embeddings", latencyMs: 150, times: Number.POSITIVE_INFINITY });

    const killed = await ingestAndKill(folder, indexFolder, 4);
    expect(killed.signal, killed.stderr).toBe("SIGKILL");

    const crashed = await readIndex(indexFolder);
    const indexed = crashed.files.filter((file) => file.status === "indexed").map((f) => f.path);
    expect(indexed.length).toBeGreaterThanOrEqual(4);
    expect(indexed.length).toBeLessThan(fileCount);
    // Each committed file has all its chunks (3 paragraphs), each chunk its vector; no chunk
    // belongs to a file the index does not list.
    for (const path of indexed) {
      expect(crashed.chunks.filter((chunk) => chunk.path === path)).toHaveLength(3);
    }
    for (const chunk of crashed.chunks) {
      expect(indexed).toContain(chunk.path);
      expect(crashed.vectorHashes.has(chunk.hash)).toBe(true);
    }

    fake().reset();
    const index = RagIndex.open(indexFolder);
    const report = await ingest({ index, folder, source, model: embedModel });
    await index.close();
    expect(report.unchanged).toBe(indexed.length);
    expect(report.added).toHaveLength(fileCount - indexed.length);
    const storedTexts = new Set(crashed.chunks.map((chunk) => chunk.text));
    const again = embeddedTexts(fake());
    expect(again).toHaveLength(3 * (fileCount - indexed.length));
    expect(again.filter((text) => storedTexts.has(text))).toEqual([]);

    const completed = await readIndex(indexFolder);
    expect(completed.files).toHaveLength(fileCount);
    expect(completed.chunks).toHaveLength(3 * fileCount);
    expect(completed.vectorHashes.size).toBe(3 * fileCount);
    expect(completed.stats.vectors).toBe(3 * fileCount);
    // The ingest ended by writing the next generation: the journal is empty again.
    const journals = (await readdir(indexFolder)).filter((name) => name.startsWith("gen-"));
    const current = journals.sort().at(-1) as string;
    const journal = await readFile(join(indexFolder, current, "journal.jsonl"), "utf8");
    expect(journal).toBe("");
  }, 60_000);
});
