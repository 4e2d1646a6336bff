import { InvalidInputError } from "@path/core";
import { parse } from "csv-parse/sync";
import { keepPair, type QaRead } from "./qa-pair.js";

/** The column names a Q&A sheet may use, in English and Chinese, case ignored. */
export const questionColumns = ["question", "prompt", "instruction", "q", "问题", "提问"];
export const answerColumns = ["answer", "completion", "output", "response", "a", "答案", "回答"];
const systemColumns = ["system", "系统"];

/** Reads a CSV (or TSV) of questions and answers; the first row names the columns. */
export function readQaCsv(file: string, text: string): QaRead {
  const rows = parse(text, {
    bom: true,
    delimiter: file.toLowerCase().endsWith(".tsv") ? "\t" : ",",
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const header = rows.shift()?.record.map((name) => name.trim()) ?? [];
  const find = (names: string[]) => header.findIndex((name) => names.includes(name.toLowerCase()));
  const question = find(questionColumns);
  const answer = find(answerColumns);
  if (question < 0 || answer < 0) {
    const found = header.length ? header.map((name) => `"${name}"`).join(", ") : "none";
    throw new InvalidInputError(
      `${file} has the columns ${found}; it needs a question column (${questionColumns.join(", ")}) and an answer column (${answerColumns.join(", ")}) in its first row.`,
    );
  }
  const system = find(systemColumns);
  const read: QaRead = { pairs: [], skipped: [] };
  for (const { record, info } of rows) {
    keepPair(read, {
      line: info.lines,
      question: record[question] ?? "",
      answer: record[answer] ?? "",
      ...(system >= 0 && record[system] ? { system: record[system] } : {}),
    });
  }
  return read;
}
