/**
 * HTTP to a self-hosted generation server (WebUI, ComfyUI) with every failure mapped to the
 * error tree: nothing listening → ConnectionError with how to start it, an error status →
 * ApiCallError, an HTML page or broken JSON → a message that says so.
 */
import { ApiCallError, ConnectionError, InvalidResponseError } from "../errors.js";
import { retryAfterFrom } from "../retry-after.js";

export interface ServerConnection {
  /** Provider id used in error messages. */
  provider: string;
  fetch: typeof globalThis.fetch;
  /** What to tell a person when nothing answers, e.g. how to start the server. */
  unreachableHint: string;
  /** Turns an error status into a clearer sentence (401 → "set A1111_AUTH"); optional. */
  explainStatus?: (status: number, message: string, url: string) => string | undefined;
}

/** Fetches `url`; network failures and non-2xx answers become PathErrors. */
export async function serverFetch(
  server: ServerConnection,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  let response: Response;
  try {
    response = await server.fetch(url, init);
  } catch (error) {
    // An abort belongs to the caller; core reports it (or its own timeout) as such.
    if (init.signal?.aborted) throw error;
    throw new ConnectionError(server.provider, server.unreachableHint, error);
  }
  if (!response.ok) throw await apiErrorFrom(server, response, url);
  return response;
}

/** Reads a JSON body; an HTML page or a cut-off body is an InvalidResponseError. */
export async function readJson<T>(server: ServerConnection, response: Response): Promise<T> {
  const text = await readText(server, response);
  if (looksLikeHtml(text, response)) {
    throw new InvalidResponseError(
      server.provider,
      `${response.url || "the server"} sent an HTML page instead of JSON; is the URL the API server?`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new InvalidResponseError(
      server.provider,
      `malformed JSON from ${response.url || "the server"} (${text.length} bytes)`,
      error,
    );
  }
}

/** Reads a body as bytes; a connection cut mid-body is a ConnectionError. */
export async function readBytes(server: ServerConnection, response: Response): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw bodyError(server, error);
  }
}

async function readText(server: ServerConnection, response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw bodyError(server, error);
  }
}

function bodyError(server: ServerConnection, error: unknown): unknown {
  if ((error as { name?: string }).name === "AbortError") return error;
  return new ConnectionError(
    server.provider,
    "the connection closed in the middle of a reply",
    error,
  );
}

function looksLikeHtml(text: string, response: Response): boolean {
  return (
    (response.headers.get("content-type") ?? "").includes("text/html") ||
    /^\s*(<!doctype html|<html)/i.test(text)
  );
}

async function apiErrorFrom(
  server: ServerConnection,
  response: Response,
  url: string,
): Promise<ApiCallError> {
  const body = await response.text().catch(() => "");
  const html = looksLikeHtml(body, response);
  const detail = html
    ? "the server sent an HTML page instead of JSON (a proxy or gateway in the way, or the wrong URL?)"
    : messageFromBody(body) || response.statusText || `HTTP ${response.status}`;
  return new ApiCallError({
    provider: server.provider,
    status: response.status,
    message: server.explainStatus?.(response.status, detail, url) ?? detail,
    url,
    responseBody: body,
    retryAfterMs: retryAfterFrom(response.headers),
  });
}

/** The human part of a JSON error body: `detail`, `error.message`, `errors`, `message`. */
function messageFromBody(body: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return body.trim().slice(0, 300);
  }
  if (typeof value !== "object" || value === null) return String(value).slice(0, 300);
  const fields = value as Record<string, unknown>;
  for (const key of ["detail", "errors", "message", "error"]) {
    const field = fields[key];
    if (typeof field === "string" && field.trim()) return field.trim().slice(0, 300);
    if (field && typeof field === "object") {
      const nested = (field as Record<string, unknown>).message;
      if (typeof nested === "string" && nested.trim()) return nested.trim().slice(0, 300);
      return JSON.stringify(field).slice(0, 300);
    }
  }
  return body.trim().slice(0, 300);
}
