import { InvalidInputError } from "../errors.js";
import type { Message } from "../spec/index.js";
import { estimateTokens } from "../tokens.js";

export interface PromptOptions {
  /** A single user message. Use this or `messages`. */
  prompt?: string;
  /** The conversation so far. */
  messages?: Message[];
  /** Instructions placed before everything else. */
  system?: string;
  /** Refuse prompts estimated above this many tokens. Default 200,000. */
  maxInputTokens?: number;
}

const defaultMaxInputTokens = 200_000;

/** Turn prompt/messages/system into one message list, refusing empty or over-sized input. */
export function toMessages(options: PromptOptions): Message[] {
  if (options.prompt !== undefined && options.messages !== undefined) {
    throw new InvalidInputError("Pass either prompt or messages, not both.");
  }
  const messages: Message[] =
    options.messages ??
    (options.prompt === undefined ? [] : [{ role: "user", content: options.prompt }]);
  const withSystem: Message[] = options.system
    ? [{ role: "system", content: options.system }, ...messages]
    : messages;

  const text = withSystem.map((message) => contentText(message)).join("\n");
  if (!messages.some((message) => contentText(message).trim() !== "" || hasImage(message))) {
    throw new InvalidInputError("The prompt is empty: give the model something to answer.");
  }
  const tokens = estimateTokens(text);
  const limit = options.maxInputTokens ?? defaultMaxInputTokens;
  if (tokens > limit) {
    throw new InvalidInputError(
      `The prompt is about ${tokens.toLocaleString("en")} tokens (${text.length.toLocaleString("en")} characters); ` +
        `the limit is ${limit.toLocaleString("en")}. Shorten it, or split it and send only the parts the question needs. ` +
        "If your model really takes more, raise the limit: maxInputTokens in the call, --max-input-tokens in the text kit.",
    );
  }
  return withSystem;
}

/** The text of a message, images left out. */
export function contentText(message: Message): string {
  if (typeof message.content === "string") return message.content;
  return message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function hasImage(message: Message): boolean {
  return (
    typeof message.content !== "string" && message.content.some((part) => part.type === "image")
  );
}
