/**
 * Kling answers every call with `{code, message, request_id, data}`; a `code` other than 0 is a
 * failure, sent with an HTTP error status or with 200. The codes (from Kling's error-code table
 * in its API docs' "general information" page) become the errors a status alone would give.
 */
import { ApiCallError, InvalidInputError, PathError } from "../../errors.js";

export interface KlingEnvelope<T = unknown> {
  code?: number;
  message?: string;
  request_id?: string;
  data?: T;
}

export const klingKeyHint =
  "check KLING_ACCESS_KEY and KLING_SECRET_KEY (from https://app.klingai.com/global/dev); keys are per region: a 中国大陆 account needs KLING_BASE_URL=https://api-beijing.klingai.com";

interface Seen {
  /** The HTTP status the envelope came with. */
  status: number;
  url: string;
  retryAfterMs?: number;
  responseBody?: string;
}

/** The error for a non-zero `code`. */
export function klingError(envelope: KlingEnvelope, seen: Seen): PathError {
  const code = envelope.code ?? -1;
  const said = `${envelope.message?.trim() || "no message"} (code ${code})`;
  const api = (status: number, message: string) =>
    new ApiCallError({
      provider: "kling",
      status,
      message,
      url: seen.url,
      responseBody: seen.responseBody,
      retryAfterMs: seen.retryAfterMs,
    });
  if (code >= 1000 && code <= 1004) {
    const clock =
      code === 1003 || code === 1004
        ? " The token is signed with this machine's clock: check that it is right."
        : "";
    return api(401, `Kling refused the token: ${said}; ${klingKeyHint}.${clock}`);
  }
  if (code === 1101 || code === 1102) {
    return new PathError(
      "insufficient-balance",
      `kling: the account is out of credit: ${said}. Buy a resource pack or top up at https://app.klingai.com/global/dev, or use another provider.`,
    );
  }
  if (code === 1100 || code === 1103 || code === 1304) {
    return new PathError(
      "no-access",
      `kling: this account may not make this call: ${said}. Check the account and its model access at https://app.klingai.com/global/dev${code === 1304 ? " (its IP allow-list)" : ""}.`,
    );
  }
  if (code === 1302 || code === 1303) {
    return api(
      429,
      `Kling is rate-limiting this account: ${said}. Wait a minute, run fewer jobs at once, or raise the account's concurrency.`,
    );
  }
  if (code === 1300 || code === 1301) {
    return new InvalidInputError(
      `Kling refused the request under its content policy: ${said}. Change the prompt or the picture.`,
    );
  }
  if (code === 1202 || code === 1203) {
    // Kling sends these with HTTP 404: a model name or a task id it does not know.
    return api(404, `Kling does not know what was asked for: ${said}.`);
  }
  if (code === 1200 || code === 1201) {
    return new InvalidInputError(`Kling refused the request: ${said}.`);
  }
  if (code >= 5000 && code <= 5002) {
    return api(Math.max(seen.status, 500), `Kling had an internal error: ${said}.`);
  }
  if (seen.status >= 400) return api(seen.status, `Kling: ${said}.`);
  return new PathError("provider-error", `kling: ${said}.`);
}

/** The envelope code an ApiCallError from Kling carried; undefined for an HTML page or the like. */
export function klingCodeOf(error: ApiCallError): number | undefined {
  try {
    const code = (JSON.parse(error.responseBody ?? "") as KlingEnvelope)?.code;
    return typeof code === "number" ? code : undefined;
  } catch {
    return undefined;
  }
}
