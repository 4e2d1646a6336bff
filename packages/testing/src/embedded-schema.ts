import { messageText } from "./fake-text.js";

/** The end index (exclusive) of the balanced `{...}` starting at `start`, or -1. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === "\\") index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === "{") depth += 1;
    else if (character === "}" && --depth === 0) return index + 1;
  }
  return -1;
}

function looksLikeSchema(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return "properties" in value || (value as { type?: unknown }).type === "object";
}

/** The first JSON Schema written out in a piece of text, if any. */
export function schemaInText(text: string): unknown {
  for (let start = text.indexOf("{"); start !== -1; start = text.indexOf("{", start + 1)) {
    const end = balancedEnd(text, start);
    if (end === -1) return undefined;
    try {
      const value: unknown = JSON.parse(text.slice(start, end));
      if (looksLikeSchema(value)) return value;
    } catch {
      // not JSON here; try the next brace
    }
  }
  return undefined;
}

/**
 * The first JSON Schema written out in any message, like a model told "answer with JSON matching
 * this schema" in a JSON-mode request (`json_object`, Ollama's `format: "json"`) would follow.
 */
export function schemaInMessages(messages: unknown): unknown {
  if (!Array.isArray(messages)) return undefined;
  for (const message of messages as { content?: unknown }[]) {
    const schema = schemaInText(messageText(message?.content));
    if (schema !== undefined) return schema;
  }
  return undefined;
}
