/** Every quest with --pg, as processes, against PGlite with pgvector behind its socket server. */
import { beforeAll, describe, expect, it } from "vitest";
import { useRagCli } from "./cli-helpers.js";
import { dropRagTables, usePostgres } from "./postgres-fixtures.js";

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

  it("ingests into Postgres, re-ingests embedding nothing, answers with citations, counts and forgets there", async () => {
    const { url, db } = postgres();
    await dropRagTables(db);
    const embeddings = () =>
      rag.server.requests.filter((request) => request.path.endsWith("/embeddings")).length;
    rag.server.reset();
    const first = await rag.run(["ingest", "notes", "--pg", url]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/3 files read \(3 new, 0 changed\)/);
    expect(first.stdout).toContain("the index in PostgreSQL database postgres holds 3 files");
    const embedded = embeddings();
    expect(embedded).toBeGreaterThan(0);
    const again = await rag.run(["ingest", "notes", "--pg", url]);
    expect(again.stdout).toMatch(/0 embedded/);
    expect(embeddings()).toBe(embedded);

    rag.server.inject({ reply: "LoRA trains two small low-rank matrices [1].", times: 1 });
    const asked = await rag.run([
      "ask",
      "What does LoRA train?",
      "-r",
      "bm25",
      "--json",
      "--pg",
      url,
    ]);
    expect(asked.code, asked.stderr).toBe(0);
    const answer = JSON.parse(asked.stdout);
    expect(answer.answer).toContain("[1]");
    expect(answer.sources[0].path).toMatch(/\.md$/);

    const stats = JSON.parse((await rag.run(["stats", "--json", "--pg", url])).stdout);
    expect(stats).toMatchObject({ files: 3, location: "PostgreSQL database postgres" });
    const path = answer.sources[0].path as string;
    const forgot = await rag.run(["forget", path, "--pg", url]);
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(JSON.parse((await rag.run(["stats", "--json", "--pg", url])).stdout).files).toBe(2);
  });

  it("says what to give when there is no database", async () => {
    const result = await rag.run(["push"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /No PostgreSQL database given: pass --pg postgres:\/\/.* or set DATABASE_URL/,
    );
  });
});
