/**
 * Calls to MiniMax's v1 API: JSON or multipart in, JSON out, `base_resp` checked on every
 * answer (errors arrive with HTTP 200), audio decoded from hex or fetched from its URL.
 */
import { InvalidResponseError, MediaError } from "../../errors.js";
import type { CallSettings } from "../../spec/index.js";
import { readBytes, readJson, type ServerConnection, serverFetch } from "../server-http.js";
import { type BaseResp, baseRespError, type MiniMaxJob } from "./minimax-errors.js";

export interface MiniMaxConnection {
  /** The host, e.g. `https://api.minimax.io`; routes start with `/v1`. */
  baseURL: string;
  apiKey: () => string;
  server: ServerConnection;
}

export interface MiniMaxReply {
  base_resp?: BaseResp;
  trace_id?: string;
}

type Settings = Pick<CallSettings, "signal" | "headers">;

/** POSTs `body` (JSON, or a FormData upload) and returns the answer once `base_resp` says 0. */
export async function miniMaxPost<T extends MiniMaxReply>(
  connection: MiniMaxConnection,
  path: string,
  body: Record<string, unknown> | FormData,
  job: MiniMaxJob,
  settings: Settings = {},
): Promise<T> {
  const isForm = body instanceof FormData;
  const response = await serverFetch(connection.server, `${connection.baseURL}${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${connection.apiKey()}`,
      ...(isForm ? {} : { "content-type": "application/json" }),
      ...settings.headers,
    },
    body: isForm ? body : JSON.stringify(body),
    signal: settings.signal,
  });
  const reply = await readJson<T>(connection.server, response);
  const error = baseRespError(reply?.base_resp, job);
  if (error) throw error;
  if (!reply?.base_resp) {
    throw new InvalidResponseError("minimax", `${path} answered without base_resp.`);
  }
  return reply;
}

/**
 * GETs `path` with `query` and returns the answer with `base_resp` not yet checked: the caller
 * decides what a code means there (a video query's 1026 is a failed job, not a failed call).
 */
export async function miniMaxGet<T extends MiniMaxReply>(
  connection: MiniMaxConnection,
  path: string,
  query: Record<string, string>,
  settings: Settings = {},
): Promise<T> {
  const url = `${connection.baseURL}${path}?${new URLSearchParams(query)}`;
  const response = await serverFetch(connection.server, url, {
    headers: { authorization: `Bearer ${connection.apiKey()}`, ...settings.headers },
    signal: settings.signal,
  });
  const reply = await readJson<T>(connection.server, response);
  if (!reply?.base_resp) {
    throw new InvalidResponseError("minimax", `${path} answered without base_resp.`);
  }
  return reply;
}

/**
 * The audio in `data.audio`: hex (the default) or, with `output_format:"url"`, a URL (also read
 * from `data.audio_url`). The URL is fetched without the key: it points at another host.
 * `expectedBytes` (from `extra_info`) catches a cut answer.
 */
export async function miniMaxAudio(
  connection: MiniMaxConnection,
  data: { audio?: string; audio_url?: string } | null | undefined,
  expectedBytes: number | undefined,
  settings: Settings = {},
): Promise<Uint8Array> {
  const value = data?.audio_url || data?.audio;
  if (!value) {
    throw new InvalidResponseError(
      "minimax",
      "the answer held no audio; try again, or another model (some answer without audio on this endpoint).",
    );
  }
  let audio: Uint8Array;
  if (/^https?:\/\//.test(value)) {
    const response = await serverFetch(connection.server, value, { signal: settings.signal });
    audio = await readBytes(connection.server, response);
  } else {
    if (value.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(value)) {
      throw new InvalidResponseError("minimax", "the audio was not the hex string MiniMax sends.");
    }
    audio = new Uint8Array(Buffer.from(value, "hex"));
  }
  if (expectedBytes && audio.length < expectedBytes) {
    throw new MediaError(
      `minimax sent ${audio.length} of the ${expectedBytes} audio bytes it announced (cut short); try again.`,
    );
  }
  return audio;
}
