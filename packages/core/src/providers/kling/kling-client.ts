/**
 * Calls to Kling's v1 API: a signed token on every request, JSON in and out, the envelope's
 * `code` checked on every answer whatever the HTTP status.
 */
import { ApiCallError, InvalidResponseError } from "../../errors.js";
import type { CallSettings } from "../../spec/index.js";
import { readJson, type ServerConnection, serverFetch } from "../server-http.js";
import { type KlingEnvelope, klingError } from "./kling-errors.js";
import type { KlingTokenSource } from "./kling-token.js";

export interface KlingConnection {
  /** The host, e.g. `https://api-singapore.klingai.com`; routes start with `/v1`. */
  baseURL: string;
  tokens: KlingTokenSource;
  server: ServerConnection;
}

type Settings = Pick<CallSettings, "signal" | "headers">;

/** Sends one request and returns the envelope's `data` once `code` says 0. */
export async function klingRequest<T>(
  connection: KlingConnection,
  path: string,
  body: Record<string, unknown> | undefined,
  settings: Settings = {},
): Promise<T> {
  const url = `${connection.baseURL}${path}`;
  let response: Response;
  try {
    response = await serverFetch(connection.server, url, {
      method: body ? "POST" : "GET",
      headers: {
        authorization: `Bearer ${connection.tokens.token()}`,
        ...(body ? { "content-type": "application/json" } : {}),
        ...settings.headers,
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: settings.signal,
    });
  } catch (error) {
    throw fromHttpError(error);
  }
  const reply = await readJson<KlingEnvelope<T>>(connection.server, response);
  if (reply?.code !== 0) {
    if (typeof reply?.code !== "number") {
      throw new InvalidResponseError(
        "kling",
        `${path} answered without Kling's {code, data} envelope.`,
      );
    }
    throw klingError(reply, { status: response.status, url, responseBody: JSON.stringify(reply) });
  }
  if (reply.data === undefined || reply.data === null) {
    throw new InvalidResponseError("kling", `${path} answered code 0 with no data.`);
  }
  return reply.data;
}

/** An HTTP error status whose body is Kling's envelope becomes the error its code names. */
function fromHttpError(error: unknown): unknown {
  if (!(error instanceof ApiCallError) || !error.responseBody) return error;
  let envelope: KlingEnvelope;
  try {
    envelope = JSON.parse(error.responseBody) as KlingEnvelope;
  } catch {
    return error;
  }
  if (typeof envelope?.code !== "number") return error;
  return klingError(envelope, {
    status: error.status,
    url: error.url ?? "",
    retryAfterMs: error.retryAfterMs,
    responseBody: error.responseBody,
  });
}
