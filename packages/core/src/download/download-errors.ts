/** Turns network failures and HTTP errors during a download into clear `PathError`s. */
import { durationText } from "../duration-text.js";
import { AbortedError, ApiCallError, ConnectionError, type PathError } from "../errors.js";
import { retryAfterFrom } from "../retry-after.js";

/** Extra advice for the errors a person can fix, e.g. where to set a token or a mirror. */
export interface DownloadHints {
  /** Appended when the host cannot be reached. Default: check the network or set HTTPS_PROXY. */
  offline?: string;
  /** Appended to 401/403 answers, e.g. "the repo may be gated: set HF_TOKEN". */
  unauthorized?: string;
}

export const defaultOfflineHint =
  "offline? check the network, or set HTTPS_PROXY if you are behind a proxy";

/** A request that never got an answer: refused, unknown host, reset, or no answer in time. */
export function unreachable(url: URL, error: unknown, hints: DownloadHints): PathError {
  const hint = hints.offline ?? defaultOfflineHint;
  return new ConnectionError(url.host, `${networkReason(error)}: ${hint}`, error);
}

export function noAnswerInTime(url: URL, timeoutMs: number, hints: DownloadHints): PathError {
  const hint = hints.offline ?? defaultOfflineHint;
  return new ConnectionError(url.host, `no answer within ${durationText(timeoutMs)}: ${hint}`);
}

export function httpFailure(
  url: URL,
  response: { status: number; headers: Headers },
  body: string,
  hints: DownloadHints,
): PathError {
  const { status } = response;
  const advice =
    status === 404
      ? `${url.pathname} does not exist there; check the name`
      : status === 401 || status === 403
        ? (hints.unauthorized ?? "access denied; a token may be needed")
        : (body.trim().split("\n")[0]?.slice(0, 200) ?? "");
  return new ApiCallError({
    provider: url.host,
    status,
    message: advice || `download of ${url.pathname} failed`,
    url: url.href,
    responseBody: body,
    retryAfterMs: retryAfterFrom(response.headers),
  });
}

export function aborted(): PathError {
  return new AbortedError();
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "connection reset";
  if (code === "UND_ERR_CONNECT_TIMEOUT") return "connection timed out";
  if (code === "CERT_HAS_EXPIRED" || code?.startsWith("ERR_TLS") || code?.includes("CERT")) {
    return `TLS failure (${code})`;
  }
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
