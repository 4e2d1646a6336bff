import type { IncomingMessage } from "node:http";

/** Reads the whole request body. */
export async function readRequestBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parses a body as JSON when its content type says JSON (or it looks like JSON) and it parses;
 * otherwise returns the raw bytes. An empty body gives `undefined`.
 */
export function parseRequestBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const looksJson =
    contentType?.includes("json") ?? /^\s*[{[]/.test(raw.subarray(0, 16).toString());
  if (!looksJson) return raw;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return raw;
  }
}
