/** push and search --pg as processes, against PGlite with pgvector behind its socket server. */
import { beforeAll, describe, expect, it } from "vitest";
import { useRagCli } from "./cli-helpers.js";
import { usePostgres } from "./postgres-fixtures.js";

const rag = useRagCli();
const postgres = usePostgres();

beforeAll(async () => {
  const result = await rag.ingestNotes();
  expect(result.code, result.stderr).toBe(0);
}, 60_000);

describe("rag CLI on PostgreSQL", { timeout: 180_000 }, () => {
  it("pushes the index with its vectors (nothing embedded) and searches it there like the embedded one", async () => {
    const { url } = postgres();
    rag.server.reset();
    const pushed = await rag.run(["push", "--pg", url]);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toMatch(/^3 files copied \(\d+ passages\), 0 already there/);
    expect(rag.server.requests.filter((request) => request.path.endsWith("/embeddings"))).toEqual(
      [],
    );
    const again = JSON.parse((await rag.run(["push", "--pg", url, "--json"])).stdout);
    expect(again).toMatchObject({ files: 0, skipped: 3 });

    for (const retriever of ["bm25", "hybrid"]) {
      const query = ["search", "学习率 LoRA low-rank", "-r", retriever, "--json"];
      const local = JSON.parse((await rag.run(query)).stdout);
      const remote = JSON.parse((await rag.run([...query, "--pg", url])).stdout);
      expect(
        remote.passages.map((p: { path: string; lines: string }) => `${p.path}:${p.lines}`),
      ).toEqual(local.passages.map((p: { path: string; lines: string }) => `${p.path}:${p.lines}`));
    }
  });

  it("says what to give when there is no database", async () => {
    const result = await rag.run(["push"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /No PostgreSQL database given: pass --pg postgres:\/\/.* or set DATABASE_URL/,
    );
  });
});
