import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { parseRequestBody, readRequestBody } from "./request-body.js";

/** One request as a fake server received it. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Query parameters; a repeated key gives an array. */
  query: Record<string, string | string[]>;
  /** Lower-cased header names, as Node gives them. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, the raw bytes otherwise, `undefined` when empty. */
  body: unknown;
  rawBody: Buffer;
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    const previous = query[key];
    if (previous === undefined) query[key] = value;
    else query[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return query;
}

/** Reads and records an incoming request. */
export async function recordRequest(request: IncomingMessage): Promise<RecordedRequest> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const rawBody = await readRequestBody(request);
  return {
    method: request.method ?? "GET",
    path: url.pathname,
    query: parseQuery(url.searchParams),
    headers: request.headers,
    body: parseRequestBody(rawBody, request.headers["content-type"]),
    rawBody,
  };
}
