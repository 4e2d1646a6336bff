import type { CallSettings } from "../spec/index.js";
import { readJson, type ServerConnection, serverFetch } from "./server-http.js";

/** An API reached with a bearer key, its failures mapped by `server`. */
export interface BearerConnection {
  apiKey: () => string;
  server: ServerConnection;
}

/** One request with `Authorization: Bearer <key>` (plus the call's headers); the JSON answer. */
export async function bearerJson<T>(
  connection: BearerConnection,
  url: string,
  settings: CallSettings,
  init: RequestInit,
): Promise<T> {
  const response = await serverFetch(connection.server, url, {
    ...init,
    headers: {
      authorization: `Bearer ${connection.apiKey()}`,
      ...(init.headers as Record<string, string>),
      ...settings.headers,
    },
    signal: settings.signal,
  });
  return readJson<T>(connection.server, response);
}
