/**
 * Calls to ElevenLabs' v1 API with the `xi-api-key` header: JSON or multipart in, audio or
 * JSON out. Errors are HTTP statuses with `{detail: {status, message}}` (or a 422 list).
 */
import type { CallSettings, Voice } from "../../spec/index.js";
import { readBytes, readJson, type ServerConnection, serverFetch } from "../server-http.js";

export interface ElevenLabsConnection {
  /** The host, e.g. `https://api.elevenlabs.io`; routes start with `/v1`. */
  baseURL: string;
  apiKey: () => string;
  server: ServerConnection;
}

type Settings = Pick<CallSettings, "signal" | "headers">;

export async function elevenLabsRequest(
  connection: ElevenLabsConnection,
  path: string,
  init: {
    method?: string;
    body?: Record<string, unknown> | FormData;
    query?: Record<string, string>;
  },
  settings: Settings = {},
): Promise<Response> {
  const isForm = init.body instanceof FormData;
  const query = init.query ? `?${new URLSearchParams(init.query)}` : "";
  return serverFetch(connection.server, `${connection.baseURL}${path}${query}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: {
      "xi-api-key": connection.apiKey(),
      ...(init.body && !isForm ? { "content-type": "application/json" } : {}),
      ...settings.headers,
    },
    body:
      init.body === undefined
        ? undefined
        : isForm
          ? (init.body as FormData)
          : JSON.stringify(init.body),
    signal: settings.signal,
  });
}

/** The audio bytes of a reply (a cut body is a ConnectionError, as everywhere). */
export function elevenLabsAudio(connection: ElevenLabsConnection, response: Response) {
  return readBytes(connection.server, response);
}

interface VoiceList {
  voices?: {
    voice_id: string;
    name?: string;
    category?: string;
    description?: string | null;
    labels?: Record<string, string>;
  }[];
}

/** The account's voices: premade, and the ones cloned on it. */
export async function listElevenLabsVoices(
  connection: ElevenLabsConnection,
  settings: Settings = {},
): Promise<Voice[]> {
  const response = await elevenLabsRequest(connection, "/v1/voices", {}, settings);
  const { voices = [] } = await readJson<VoiceList>(connection.server, response);
  return voices.map((voice) => ({
    id: voice.voice_id,
    name: voice.name,
    languages: voice.labels?.language ? [voice.labels.language] : undefined,
    gender: voice.labels?.gender,
    description:
      voice.description ?? (voice.labels?.accent ? `${voice.labels.accent} accent` : undefined),
    cloned: voice.category === "cloned",
  }));
}
