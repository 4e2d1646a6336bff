import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "@path/core";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { loadBeir, readQrels } from "../src/eval/beir.js";

const folder = useTempDir("rag-beir-");

async function writeSet(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(folder(), name);
  await mkdir(join(dir, "qrels"), { recursive: true });
  for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  return dir;
}

describe("loadBeir", () => {
  it("reads corpus, queries and qrels, numeric ids as strings, header line skipped", async () => {
    const dir = await writeSet("ok", {
      "corpus.jsonl": '{"_id":"d1","title":"T","text":"body"}\n\n{"_id":2,"text":"no title"}\n',
      "queries.jsonl": '{"_id":"q1","text":"what?","metadata":{}}\n',
      "qrels/test.tsv": "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\t2\t0\n",
    });
    const set = await loadBeir(dir);
    expect(set.corpus).toEqual([
      { id: "d1", title: "T", text: "body" },
      { id: "2", title: "", text: "no title" },
    ]);
    expect(set.queries).toEqual(new Map([["q1", "what?"]]));
    expect(set.qrels).toEqual(
      new Map([
        [
          "q1",
          new Map([
            ["d1", 1],
            ["2", 0],
          ]),
        ],
      ]),
    );
  });

  it("says which file is missing and what the layout is", async () => {
    const dir = await writeSet("missing", { "corpus.jsonl": "", "queries.jsonl": "" });
    await expect(loadBeir(dir)).rejects.toThrow(InvalidInputError);
    await expect(loadBeir(dir)).rejects.toThrow(
      /qrels\/test\.tsv not found: a BEIR folder holds corpus\.jsonl/,
    );
    await expect(loadBeir(dir, "dev")).rejects.toThrow(/dev\.tsv not found/);
  });

  it("names the file and line of a broken record", async () => {
    const qrels = "q\td\t1\n";
    const badJson = await writeSet("bad-json", {
      "corpus.jsonl": '{"_id":"d1","text":"x"}\n{"_id": oops}\n',
      "queries.jsonl": "",
      "qrels/test.tsv": qrels,
    });
    await expect(loadBeir(badJson)).rejects.toThrow(/corpus\.jsonl:2 is not valid JSON/);
    const noId = await writeSet("no-id", {
      "corpus.jsonl": '{"text":"x"}\n',
      "queries.jsonl": "",
      "qrels/test.tsv": qrels,
    });
    await expect(loadBeir(noId)).rejects.toThrow(/corpus\.jsonl:1 has no "_id"/);
  });

  it("refuses a qrels line without three fields", async () => {
    const dir = await writeSet("bad-qrels", { "qrels/test.tsv": "q1\td1\t1\nq2 d2 1\n" });
    await expect(readQrels(join(dir, "qrels", "test.tsv"))).rejects.toThrow(
      /test\.tsv:2 is not "query-id<TAB>/,
    );
  });
});
