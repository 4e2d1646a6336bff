import type { ChatExample } from "./chat-example.js";

/** One question and answer as read from a source file, with the line it started on. */
export interface QaPair {
  line: number;
  question: string;
  answer: string;
  system?: string;
}

/** What a Q&A file gave: its pairs, and the rows left out (an empty question or answer), by line. */
export interface QaRead {
  pairs: QaPair[];
  skipped: Array<{ line: number; why: string }>;
}

/** A pair as one chat example: the optional system turn, the question, the answer. */
export function toChatExample(pair: QaPair, defaultSystem?: string): ChatExample {
  const system = pair.system || defaultSystem;
  return {
    messages: [
      ...(system ? [{ role: "system" as const, content: system }] : []),
      { role: "user", content: pair.question },
      { role: "assistant", content: pair.answer },
    ],
  };
}

/** Adds a pair, or notes why it was left out. */
export function keepPair(read: QaRead, pair: QaPair): void {
  pair.question = pair.question.trim();
  pair.answer = pair.answer.trim();
  if (!pair.question) read.skipped.push({ line: pair.line, why: "empty question" });
  else if (!pair.answer) read.skipped.push({ line: pair.line, why: "empty answer" });
  else read.pairs.push(pair);
}
