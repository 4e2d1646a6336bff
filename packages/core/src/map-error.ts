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
import { observedResponseOf } from "./observed-response.js";
import { retryAfterFrom } from "./retry-after.js";

interface ErrorContext {
  provider: string;
  /** Set when core's own timeout fired, so an abort is reported as a timeout. */
  timedOutAfterMs?: number;
  /** The caller's signal: an abort from it is the caller's, not a failure. */
  signal?: AbortSignal;
}

export function toPathError(error: unknown, context: ErrorContext): PathError {
  const { provider } = context;
  // Core's own deadline fired: whatever the adapter made of the abort, it was a timeout.
  if (context.timedOutAfterMs !== undefined)
    return new TimeoutError(provider, context.timedOutAfterMs);
  if (PathError.isInstance(error)) return error;
  if (context.signal?.aborted || isAbort(error)) return new AbortedError();

  const value = (error ?? {}) as Record<string, unknown>;
  const observed = observedResponseOf(error);
  const message = error instanceof Error ? error.message : String(error);

  // openai: APIError {status, error, headers}; connection errors have status undefined.
  // ollama: ResponseError {status_code, error}; @huggingface/inference: {httpResponse: {status, body}}.
  const httpResponse = value.httpResponse as { status?: number; body?: unknown } | undefined;
  const status =
    numberOrUndefined(value.status) ??
    numberOrUndefined(value.status_code) ??
    numberOrUndefined(httpResponse?.status) ??
    observed?.status;
  if (status !== undefined && status >= 400) {
    const body = httpResponse?.body ?? value.error;
    const responseBody =
      body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const sentHtml =
      observed?.contentType?.includes("text/html") ||
      /<html|<!doctype/i.test(`${message} ${responseBody}`);
    return new ApiCallError({
      provider,
      status,
      message: sentHtml
        ? "the server sent an HTML page instead of JSON (a proxy or gateway in the way?)"
        : cleanMessage(message, status),
      responseBody,
      retryAfterMs: retryAfterFrom(value.headers) ?? observed?.retryAfterMs,
      cause: error,
    });
  }
  if (error instanceof SyntaxError || /json|unexpected token|expected .*output/i.test(message)) {
    return new InvalidResponseError(provider, message, error);
  }
  if (isConnectionFailure(error)) {
    return new ConnectionError(provider, connectionHint(error, message), error);
  }
  return new PathError("provider-error", `${provider}: ${message}`, { cause: error });
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === "AbortError" || name === "APIUserAbortError";
}

/** The error and its causes, outermost first (clients wrap undici's errors once or twice). */
function causeChain(error: unknown): { code?: string; message?: string; name?: string }[] {
  const chain: { code?: string; message?: string; name?: string; cause?: unknown }[] = [];
  let current = error as { cause?: unknown } | undefined;
  while (current && typeof current === "object" && chain.length < 5) {
    chain.push(current as never);
    current = current.cause as never;
  }
  return chain;
}

function isConnectionFailure(error: unknown): boolean {
  return causeChain(error).some(
    (link) =>
      link.name === "APIConnectionError" ||
      /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT)$/.test(
        link.code ?? "",
      ) ||
      /fetch failed|socket hang up|\bterminated\b|other side closed|Connection error/i.test(
        link.message ?? "",
      ),
  );
}

function connectionHint(error: unknown, message: string): string {
  const chain = causeChain(error);
  const code = chain.map((link) => link.code).find(Boolean) ?? /E[A-Z]{4,}/.exec(message)?.[0];
  if (code === "ECONNREFUSED")
    return "connection refused (is the server running, and is the URL right?)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return "host not found (offline, a typo in the base URL, or behind a proxy? set HTTPS_PROXY)";
  }
  return chain.at(-1)?.message ?? message;
}

function cleanMessage(message: string, status: number): string {
  const trimmed = message.replace(new RegExp(`^${status}\\s*`), "").trim();
  return trimmed.slice(0, 500) || `HTTP ${status}`;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
