import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { InvalidInputError, type Message } from "@path/core";

/** One example of the held-out set: what the models are asked, and the answer it should get. */
export interface HeldOutExample {
  /** 1-based line of the JSONL file, so a report row points back at its source. */
  line: number;
  /** The conversation up to (not including) the last assistant turn. */
  prompt: Message[];
  /** The last assistant turn: the answer the tuned model was trained to give. */
  reference: string;
}

const roles = new Set(["system", "user", "assistant"]);

/**
 * Reads a chat JSONL file (`{"messages":[…]}` per line) line by line. Every bad line is
 * collected first, so one error names them all before any model is paid to answer.
 */
export async function readHeldOutExamples(path: string): Promise<HeldOutExample[]> {
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const examples: HeldOutExample[] = [];
  const problems: string[] = [];
  let number = 0;
  try {
    for await (const text of lines) {
      number += 1;
      if (text.trim() === "") continue;
      const example = parseExample(text, number);
      if (typeof example === "string") problems.push(`line ${number} ${example}`);
      else examples.push(example);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new InvalidInputError(
        `${path} does not exist; give a chat JSONL file such as data/val.jsonl`,
      );
    if (code === "EISDIR")
      throw new InvalidInputError(`${path} is a folder; give a .jsonl file such as data/val.jsonl`);
    throw error;
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join("; ");
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : "";
    throw new InvalidInputError(
      `${path} has ${problems.length} bad line${problems.length === 1 ? "" : "s"}: ${shown}${more}. Fix them and run again: no model was asked.`,
    );
  }
  if (examples.length === 0) {
    throw new InvalidInputError(`${path} has no examples; it needs one {"messages":[…]} per line`);
  }
  return examples;
}

/** The example on one line, or what is wrong with it. */
function parseExample(text: string, line: number): HeldOutExample | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "is not JSON";
  }
  const messages = (value as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return 'has no "messages" list';
  for (const [index, message] of messages.entries()) {
    const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
    if (typeof role !== "string" || !roles.has(role)) {
      return `message ${index + 1} has role ${JSON.stringify(role)} (system, user or assistant)`;
    }
    if (typeof content !== "string") return `message ${index + 1} has no text content`;
  }
  const last = messages.findLastIndex((message: Message) => message.role === "assistant");
  if (last < 0) return "has no assistant turn to compare against";
  const prompt = messages.slice(0, last) as Message[];
  if (!prompt.some((message) => message.role === "user"))
    return "has no user turn before its answer";
  return { line, prompt, reference: messages[last].content as string };
}
