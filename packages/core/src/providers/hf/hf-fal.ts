/**
 * fal-ai behind the Hugging Face router, for speech and music. The client builds the request
 * (mapping lookup, URL, auth, body) and this file sends it: the client's own fal queue polls and
 * downloads with the global fetch, so HF_ROUTER_URL, HF_ENDPOINT and the proxy would miss those
 * requests, and it reports no progress and never stops on a failed task.
 */
import { ApiCallError, ConnectionError, InvalidResponseError, MediaError } from "../../errors.js";
import { retryAfterFrom } from "../../retry-after.js";
import type { HfClientHolder } from "./hf-provider.js";

export interface FalArgs {
  model: string;
  inputs: string;
  parameters: Record<string, unknown>;
}

export interface FalAudio {
  data: Uint8Array;
  mediaType?: string;
  /** What the result said besides the file (e.g. the seed used). */
  result: Record<string, unknown>;
  requestId?: string;
}

export interface FalFile {
  url?: unknown;
  /** The file's size as fal stored it; a download of another size was cut or altered on the way. */
  file_size?: unknown;
}

export const provider = "hf";

/** The request the client would send to fal-ai for this task. */
export async function falRequest(
  holder: HfClientHolder,
  task: "text-to-speech" | "text-to-audio",
  args: FalArgs,
  signal: AbortSignal | undefined,
): Promise<{ url: string; headers: Record<string, string>; body: string }> {
  const { getProviderHelper, makeRequestOptions } = await import("@huggingface/inference");
  const helper = getProviderHelper("fal-ai", task);
  const { url, info } = await makeRequestOptions(
    { ...args, provider: "fal-ai", accessToken: holder.accessToken() },
    helper,
    { fetch: holder.http, task, signal },
  );
  return { url, headers: info.headers as Record<string, string>, body: info.body as string };
}

/** fal's validation errors are `detail: [{loc, msg, input}]`; name the field and what was sent. */
export function falMessage(body: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return body.trim().slice(0, 300);
  }
  const fields = (value ?? {}) as Record<string, unknown>;
  const detail = fields.detail ?? fields.error ?? fields.message;
  if (Array.isArray(detail)) {
    return detail
      .map((entry: { loc?: unknown[]; msg?: string; input?: unknown }) => {
        const field = entry.loc?.at(-1);
        const sent = entry.input === undefined ? "" : ` (got ${JSON.stringify(entry.input)})`;
        return `${field ? `${String(field)}: ` : ""}${entry.msg ?? "invalid"}${sent}`;
      })
      .join("; ")
      .slice(0, 500);
  }
  return typeof detail === "string" ? detail.slice(0, 500) : body.trim().slice(0, 300);
}

export async function send(
  holder: HfClientHolder,
  url: string,
  init: RequestInit,
): Promise<Response> {
  let response: Response;
  try {
    response = await holder.http(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ConnectionError(provider, `${new URL(url).host} did not answer`, error);
  }
  if (response.ok) return response;
  const body = await response.text().catch(() => "");
  const html =
    (response.headers.get("content-type") ?? "").includes("text/html") ||
    /^\s*(<!doctype html|<html)/i.test(body);
  throw new ApiCallError({
    provider,
    status: response.status,
    message: html
      ? "the server sent an HTML page instead of JSON (a proxy or gateway in the way?)"
      : falMessage(body) || `HTTP ${response.status}`,
    url,
    responseBody: body,
    retryAfterMs: retryAfterFrom(response.headers),
  });
}

export async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new InvalidResponseError(
      provider,
      `fal-ai's ${what} was not JSON (${text.length} bytes)`,
      error,
    );
  }
}

/** Downloads a result file through the provider's fetch; a cut-off body is a ConnectionError. */
export async function download(
  holder: HfClientHolder,
  file: FalFile | undefined,
  signal: AbortSignal | undefined,
): Promise<{ data: Uint8Array; mediaType?: string }> {
  if (typeof file?.url !== "string" || !/^https?:\/\//.test(file.url)) {
    throw new InvalidResponseError(provider, "fal-ai's result names no audio file URL");
  }
  const response = await send(holder, file.url, { signal });
  let data: Uint8Array;
  try {
    data = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ConnectionError(provider, "the audio download was cut off before its end", error);
  }
  // An MP3 cut in half still decodes (its frames stand alone), so the size is what shows it.
  if (typeof file.file_size === "number" && file.file_size !== data.length) {
    throw new MediaError(
      `The audio from fal-ai is ${data.length} bytes, not the ${file.file_size} bytes fal stored: the download was cut short or altered on the way; try again.`,
    );
  }
  return { data, mediaType: response.headers.get("content-type") ?? undefined };
}

/** fal-ai text-to-speech: one synchronous call answering `{audio: {url}}`, then the download. */
export async function falSpeech(
  holder: HfClientHolder,
  args: FalArgs,
  signal: AbortSignal | undefined,
): Promise<FalAudio> {
  const request = await falRequest(holder, "text-to-speech", args, signal);
  const response = await send(holder, request.url, {
    method: "POST",
    headers: request.headers,
    body: request.body,
    signal,
  });
  const result = await json<Record<string, unknown>>(response, "speech answer");
  return { ...(await download(holder, result.audio as FalFile, signal)), result };
}
