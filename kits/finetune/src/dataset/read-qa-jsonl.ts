import { InvalidInputError } from "@path/core";
import type { ChatExample } from "./chat-example.js";
import { keepPair, type QaRead } from "./qa-pair.js";
import { chatExampleError } from "./read-chat-jsonl.js";

type Row = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * Reads JSONL whose lines are chat examples (`{"messages":[…]}`, kept as they are) or Q&A rows:
 * `{"prompt","completion"}`, `{"question","answer"}` or Alpaca's `{"instruction","input","output"}`.
 * Every line that is not one of these is named before anything is written.
 */
export function readQaJsonl(file: string, content: string): QaRead & { chats: ChatExample[] } {
  const read = { pairs: [], skipped: [], chats: [] as ChatExample[] } as QaRead & {
    chats: ChatExample[];
  };
  const problems: string[] = [];
  for (const [index, line] of content.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const number = index + 1;
    let row: Row;
    try {
      row = JSON.parse(line) as Row;
    } catch {
      problems.push(`line ${number} is not valid JSON`);
      continue;
    }
    if (row && typeof row === "object" && "messages" in row) {
      const error = chatExampleError(row);
      if (error) problems.push(`line ${number}: ${error}`);
      else read.chats.push(row as unknown as ChatExample);
      continue;
    }
    const question = row?.question ?? row?.prompt ?? row?.instruction;
    const answer = row?.answer ?? row?.completion ?? row?.output;
    if (question === undefined || answer === undefined) {
      const keys = row && typeof row === "object" ? Object.keys(row).join(", ") : typeof row;
      problems.push(
        `line ${number} has ${keys || "no fields"}; use messages, question/answer, prompt/completion or instruction/input/output`,
      );
      continue;
    }
    const input = text(row.input);
    keepPair(read, {
      line: number,
      question: input ? `${text(question)}\n\n${input}` : text(question),
      answer: text(answer),
      ...(text(row.system) ? { system: text(row.system) } : {}),
    });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join("; ");
    const more = problems.length > 10 ? ` (and ${problems.length - 10} more)` : "";
    throw new InvalidInputError(`${file}: ${shown}${more}. Nothing was written.`);
  }
  return read;
}
