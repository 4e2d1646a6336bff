import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { InvalidInputError } from "@path/core";

export interface BeirDocument {
  id: string;
  title: string;
  text: string;
}

/** query id → (document id → relevance grade). */
export type Qrels = Map<string, Map<string, number>>;

export interface BeirDataset {
  corpus: BeirDocument[];
  /** query id → query text. */
  queries: Map<string, string>;
  qrels: Qrels;
}

const layout = "a BEIR folder holds corpus.jsonl, queries.jsonl and qrels/<split>.tsv";

/** Reads a dataset in BEIR's layout (as unzipped from the BEIR downloads). */
export async function loadBeir(dir: string, split = "test"): Promise<BeirDataset> {
  const corpusPath = join(dir, "corpus.jsonl");
  const queriesPath = join(dir, "queries.jsonl");
  const qrelsPath = join(dir, "qrels", `${split}.tsv`);
  for (const path of [corpusPath, queriesPath, qrelsPath]) await mustExist(path);

  const corpus: BeirDocument[] = [];
  for await (const { record, where } of jsonLines(corpusPath)) {
    corpus.push({
      id: idOf(record, where),
      title: stringOr(record.title),
      text: stringOr(record.text),
    });
  }
  const queries = new Map<string, string>();
  for await (const { record, where } of jsonLines(queriesPath)) {
    queries.set(idOf(record, where), stringOr(record.text));
  }
  return { corpus, queries, qrels: await readQrels(qrelsPath) };
}

/** `query-id <TAB> corpus-id <TAB> score` lines, with or without the header line. */
export async function readQrels(path: string): Promise<Qrels> {
  const qrels: Qrels = new Map();
  let lineNumber = 0;
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  })) {
    lineNumber++;
    if (line.trim() === "") continue;
    const [queryId, docId, grade] = line.split("\t").map((field) => field.trim());
    if (lineNumber === 1 && grade !== undefined && Number.isNaN(Number(grade))) continue; // header
    if (!queryId || !docId || grade === undefined || Number.isNaN(Number(grade))) {
      throw new InvalidInputError(
        `${path}:${lineNumber} is not "query-id<TAB>corpus-id<TAB>score": fix or remove that line.`,
      );
    }
    let judged = qrels.get(queryId);
    if (!judged) {
      judged = new Map();
      qrels.set(queryId, judged);
    }
    judged.set(docId, Number(grade));
  }
  return qrels;
}

async function* jsonLines(
  path: string,
): AsyncGenerator<{ record: Record<string, unknown>; where: string }> {
  let lineNumber = 0;
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Infinity,
  })) {
    lineNumber++;
    if (line.trim() === "") continue;
    const where = `${path}:${lineNumber}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new InvalidInputError(
        `${where} is not valid JSON: ${layout}, one JSON object per line.`,
      );
    }
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      throw new InvalidInputError(`${where} is not a JSON object: ${layout}, one object per line.`);
    }
    yield { record: record as Record<string, unknown>, where };
  }
}

function idOf(record: Record<string, unknown>, where: string): string {
  const id = record._id;
  if (typeof id === "string" && id !== "") return id;
  if (typeof id === "number") return String(id);
  throw new InvalidInputError(`${where} has no "_id": every BEIR record needs one.`);
}

function stringOr(value: unknown): string {
  return typeof value === "string" ? value : "";
}

async function mustExist(path: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new InvalidInputError(`${path} not found: ${layout}.`);
  }
}
