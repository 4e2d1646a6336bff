/** One training example in the chat format every hosted fine-tuning API accepts. */
export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatExample {
  messages: ChatMessage[];
}
