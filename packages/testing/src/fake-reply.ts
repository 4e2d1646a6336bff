import { schemaInMessages } from "./embedded-schema.js";
import { echoReply } from "./fake-text.js";
import { jsonFromSchema } from "./json-from-schema.js";

/** What a chat request asked the model to produce. */
export type ReplyFormat = { kind: "text" } | { kind: "json"; schema?: unknown };

/**
 * Reads an OpenAI-style `response_format` (also what Hugging Face's router takes):
 * `{type:"json_schema", json_schema:{schema}}`, `{type:"json_object"}`, or TGI's
 * `{type:"json", value: schema}`.
 */
export function replyFormatFromResponseFormat(responseFormat: unknown): ReplyFormat {
  const format = responseFormat as
    | { type?: string; json_schema?: { schema?: unknown }; value?: unknown }
    | undefined;
  if (format?.type === "json_schema") return { kind: "json", schema: format.json_schema?.schema };
  if (format?.type === "json_object") return { kind: "json" };
  if (format?.type === "json") return { kind: "json", schema: format.value };
  return { kind: "text" };
}

/** Reads Ollama's `format`: `"json"` or a JSON Schema object. */
export function replyFormatFromOllamaFormat(format: unknown): ReplyFormat {
  if (format === "json") return { kind: "json" };
  if (typeof format === "object" && format !== null) return { kind: "json", schema: format };
  return { kind: "text" };
}

/**
 * The assistant text a fake answers with: `override` when a `reply` fault gave one; when JSON was
 * requested, JSON built from the request's schema, else from a schema written in the `messages`
 * (JSON mode with the schema in the prompt), else `{"reply":"Echo: ..."}`; otherwise
 * `Echo: <prompt>`.
 */
export function fakeReply(
  prompt: string,
  format: ReplyFormat,
  override?: string,
  messages?: unknown,
): string {
  if (override !== undefined) return override;
  if (format.kind === "text") return echoReply(prompt);
  const schema = format.schema ?? schemaInMessages(messages);
  if (schema === undefined) return JSON.stringify({ reply: echoReply(prompt) });
  return JSON.stringify(jsonFromSchema(schema, prompt));
}
