import { InvalidInputError } from "@path/core";
import type { ChatExample } from "./chat-example.js";
import { readChatJsonl } from "./read-chat-jsonl.js";

/** Every example of a chat JSONL file, or an error naming its bad lines (for files small enough to hold). */
export async function readAllChat(file: string): Promise<ChatExample[]> {
  const examples: ChatExample[] = [];
  const problems: string[] = [];
  for await (const item of readChatJsonl(file)) {
    if ("error" in item) problems.push(`line ${item.line}: ${item.error}`);
    else examples.push(item.example);
  }
  if (problems.length > 0) {
    throw new InvalidInputError(
      `${file}: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}. npm run finetune -- check ${file} lists them all.`,
    );
  }
  if (examples.length === 0) throw new InvalidInputError(`${file} has no examples`);
  return examples;
}
