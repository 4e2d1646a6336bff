/**
 * Calls to Runway's API: `Authorization: Bearer`, the `X-Runway-Version` every request must
 * carry (the API answers 400 without it), JSON in and out. Errors are HTTP statuses with
 * `{"error": "…"}`.
 */
import type { CallSettings } from "../../spec/index.js";
import { type ServerConnection, serverFetch } from "../server-http.js";

/** The API version this adapter speaks (the SDK's default). */
export const runwayApiVersion = "2024-11-06";

export interface RunwayConnection {
  /** The host, e.g. `https://api.dev.runwayml.com`; routes start with `/v1`. */
  baseURL: string;
  apiKey: () => string;
  server: ServerConnection;
}

type Settings = Pick<CallSettings, "signal" | "headers">;

export function runwayRequest(
  connection: RunwayConnection,
  path: string,
  init: { method?: string; body?: Record<string, unknown> },
  settings: Settings = {},
): Promise<Response> {
  return serverFetch(connection.server, `${connection.baseURL}${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: {
      authorization: `Bearer ${connection.apiKey()}`,
      "x-runway-version": runwayApiVersion,
      accept: "application/json",
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...settings.headers,
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
    signal: settings.signal,
  });
}
