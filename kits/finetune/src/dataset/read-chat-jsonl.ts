import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { UsageError } from "@path/kit-cli";
import type { ChatExample } from "./chat-example.js";

export type ChatLine = { line: number; example: ChatExample } | { line: number; error: string };

const roles = new Set(["system", "user", "assistant"]);

/** Streams a chat JSONL file line by line (never the whole file in memory); blank lines are skipped. */
export async function* readChatJsonl(path: string): AsyncIterable<ChatLine> {
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new UsageError(`cannot read ${path}: no such file, or no permission`);
  if (found.isDirectory()) throw new UsageError(`cannot read ${path}: it is a folder, not a file`);
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      yield { line, error: "not valid JSON" };
      continue;
    }
    const error = chatExampleError(parsed);
    yield error ? { line, error } : { line, example: parsed as ChatExample };
  }
}

/** Why a parsed JSONL value is not a chat example, or undefined when it is one. */
export function chatExampleError(value: unknown): string | undefined {
  const messages = (value as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return 'no "messages" array';
  for (const [index, message] of messages.entries()) {
    const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
    if (typeof role !== "string" || !roles.has(role))
      return `message ${index + 1} has role ${JSON.stringify(role ?? null)} (use system, user or assistant)`;
    if (typeof content !== "string") return `message ${index + 1} has no text content`;
  }
  return undefined;
}
