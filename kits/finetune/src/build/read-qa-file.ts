import { InvalidInputError } from "@path/core";
import { readInputFile } from "@path/kit-cli";
import type { ChatExample } from "../dataset/chat-example.js";
import { type QaRead, toChatExample } from "../dataset/qa-pair.js";
import { readQaCsv } from "../dataset/read-qa-csv.js";
import { readQaJsonl } from "../dataset/read-qa-jsonl.js";
import { readQaMarkdown } from "../dataset/read-qa-markdown.js";

/** A Q&A file of any kind `build` reads, as chat examples, and the rows it left out. */
export async function readQaFile(
  file: string,
  system?: string,
): Promise<{ examples: ChatExample[]; skipped: QaRead["skipped"] }> {
  const text = (await readInputFile(file)).toString("utf8");
  if (text.trim() === "") throw new InvalidInputError(`${file} is empty: nothing to build from.`);
  const kind = file.toLowerCase().split(".").at(-1);
  let read: QaRead & { chats?: ChatExample[] };
  if (kind === "csv" || kind === "tsv") read = readQaCsv(file, text);
  else if (kind === "jsonl") read = readQaJsonl(file, text);
  else if (kind === "md" || kind === "markdown" || kind === "txt") read = readQaMarkdown(text);
  else throw new InvalidInputError(`${file}: build reads .csv, .tsv, .jsonl and .md files.`);
  const examples = [
    ...(read.chats ?? []),
    ...read.pairs.map((pair) => toChatExample(pair, system)),
  ];
  if (examples.length === 0) {
    throw new InvalidInputError(
      `${file} has no question with an answer${read.skipped.length ? ` (${read.skipped.length} rows left out: ${read.skipped[0]?.why} on line ${read.skipped[0]?.line})` : ""}.`,
    );
  }
  return { examples, skipped: read.skipped };
}
