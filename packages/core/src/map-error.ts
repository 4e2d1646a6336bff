/**
 * Turns whatever a client library threw into a `PathError`. Client error classes are
 * recognised by shape, so core never imports a client to check `instanceof`.
 */
import {
  AbortedError,
  ApiCallError,
  ConnectionError,
  InvalidResponseError,
  PathError,
  TimeoutError,
} from "./errors.js";

interface ErrorContext {
  provider: string;
  /** Set when core's own timeout fired, so an abort is reported as a timeout. */
  timedOutAfterMs?: number;
  /** The caller's signal: an abort from it is the caller's, not a failure. */
  signal?: AbortSignal;
}

export function toPathError(error: unknown, context: ErrorContext): PathError {
  if (PathError.isInstance(error)) return error;
  const { provider } = context;
  if (context.timedOutAfterMs !== undefined)
    return new TimeoutError(provider, context.timedOutAfterMs);
  if (context.signal?.aborted || isAbort(error)) return new AbortedError();

  const value = (error ?? {}) as Record<string, unknown>;
  const message = error instanceof Error ? error.message : String(error);

  // openai: APIError {status, error, headers}; connection errors have status undefined.
  // ollama: ResponseError {status_code, error}; @huggingface/inference: {httpResponse: {status, body}}.
  const httpResponse = value.httpResponse as { status?: number; body?: unknown } | undefined;
  const status =
    numberOrUndefined(value.status) ??
    numberOrUndefined(value.status_code) ??
    numberOrUndefined(httpResponse?.status);
  if (status !== undefined && status >= 400) {
    const body = httpResponse?.body ?? value.error;
    return new ApiCallError({
      provider,
      status,
      message: cleanMessage(message, status),
      responseBody:
        body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      retryAfterMs: retryAfterFrom(value.headers),
      cause: error,
    });
  }
  if (isConnectionFailure(error, message)) {
    return new ConnectionError(provider, connectionHint(error, message), error);
  }
  if (error instanceof SyntaxError || /json|unexpected token|expected .*output/i.test(message)) {
    return new InvalidResponseError(provider, message, error);
  }
  return new PathError("provider-error", `${provider}: ${message}`, { cause: error });
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === "AbortError" || name === "APIUserAbortError";
}

function isConnectionFailure(error: unknown, message: string): boolean {
  const name = (error as { name?: string }).name ?? "";
  return (
    name === "APIConnectionError" ||
    /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|socket hang up|terminated|other side closed|Connection error/i.test(
      message + String((error as { cause?: { message?: string } }).cause?.message ?? ""),
    )
  );
}

function connectionHint(error: unknown, message: string): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? /E[A-Z]{4,}/.exec(message)?.[0];
  if (code === "ECONNREFUSED") return "connection refused (is the server running?)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return "host not found (offline, or behind a proxy? set HTTPS_PROXY)";
  return cause?.message ?? message;
}

function cleanMessage(message: string, status: number): string {
  const trimmed = message.replace(new RegExp(`^${status}\\s*`), "").trim();
  if (/<html|<!doctype/i.test(trimmed)) return "the server sent an HTML page instead of JSON";
  return trimmed.slice(0, 500) || `HTTP ${status}`;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Reads `retry-after-ms` (ms) or `retry-after` (seconds or an HTTP date). */
export function retryAfterFrom(headers: unknown): number | undefined {
  const get = (name: string): string | null | undefined => {
    if (!headers || typeof headers !== "object") return undefined;
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
    return (headers as Record<string, string>)[name];
  };
  const milliseconds = Number.parseFloat(get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds)) return Math.max(0, milliseconds);
  const value = get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
