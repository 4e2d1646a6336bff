import type { ChatExample, ChatMessage } from "../dataset/chat-example.js";

export const exportFormats = ["openai", "alpaca", "sharegpt", "llama-factory"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const systemOf = (messages: ChatMessage[]) => messages.find((m) => m.role === "system")?.content;
const turnsOf = (messages: ChatMessage[]) => messages.filter((m) => m.role !== "system");

/**
 * Alpaca, as LLaMA-Factory reads it: the last question and answer are `instruction` and
 * `output`; earlier turns go in `history` as [question, answer] pairs.
 */
export function toAlpaca(example: ChatExample): Record<string, unknown> {
  const turns = turnsOf(example.messages);
  const history: Array<[string, string]> = [];
  for (let i = 0; i + 3 < turns.length; i += 2) {
    history.push([turns[i]?.content ?? "", turns[i + 1]?.content ?? ""]);
  }
  const system = systemOf(example.messages);
  return {
    instruction: turns.at(-2)?.content ?? "",
    input: "",
    output: turns.at(-1)?.content ?? "",
    ...(system ? { system } : {}),
    ...(history.length ? { history } : {}),
  };
}

/** ShareGPT: `conversations` of `{from: human | gpt, value}`, the system prompt beside them. */
export function toShareGpt(example: ChatExample): Record<string, unknown> {
  const system = systemOf(example.messages);
  return {
    conversations: turnsOf(example.messages).map((m) => ({
      from: m.role === "user" ? "human" : "gpt",
      value: m.content,
    })),
    ...(system ? { system } : {}),
  };
}

/** The entry LLaMA-Factory's data/dataset_info.json needs to read a ShareGPT file by name. */
export function llamaFactoryDatasetInfo(name: string, fileName: string): Record<string, unknown> {
  return {
    [name]: {
      file_name: fileName,
      formatting: "sharegpt",
      columns: { messages: "conversations", system: "system" },
      tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
    },
  };
}
