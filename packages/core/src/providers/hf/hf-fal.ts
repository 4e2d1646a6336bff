/**
 * fal-ai behind the Hugging Face router, for speech and music. The client builds the request
 * (mapping lookup, URL, auth, body) and this file sends it: the client's own fal queue polls and
 * downloads with the global fetch, so HF_ROUTER_URL, HF_ENDPOINT and the proxy would miss those
 * requests, and it reports no progress and never stops on a failed task.
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  ApiCallError,
  ConnectionError,
  InvalidResponseError,
  JobFailedError,
} from "../../errors.js";
import { retryAfterFrom } from "../../retry-after.js";
import type { Progress } from "../../spec/index.js";
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

interface FalFile {
  url?: unknown;
}

interface QueueCallbacks {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  onActivity?: () => void;
}

const provider = "hf";

/** The request the client would send to fal-ai for this task. */
async function falRequest(
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
function falMessage(body: string): string {
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

async function send(holder: HfClientHolder, url: string, init: RequestInit): Promise<Response> {
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

async function json<T>(response: Response, what: string): Promise<T> {
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
async function download(
  holder: HfClientHolder,
  file: FalFile | undefined,
  signal: AbortSignal | undefined,
): Promise<{ data: Uint8Array; mediaType?: string }> {
  if (typeof file?.url !== "string" || !/^https?:\/\//.test(file.url)) {
    throw new InvalidResponseError(provider, "fal-ai's result names no audio file URL");
  }
  const response = await send(holder, file.url, { signal });
  try {
    const data = new Uint8Array(await response.arrayBuffer());
    return { data, mediaType: response.headers.get("content-type") ?? undefined };
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ConnectionError(provider, "the audio download was cut off before its end", error);
  }
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

interface QueueStatus {
  status?: string;
  queue_position?: number;
  logs?: { message?: string }[];
  error?: unknown;
  detail?: unknown;
}

/**
 * fal-ai text-to-audio through the queue: submit, poll the status (IN_QUEUE with a position,
 * IN_PROGRESS, COMPLETED; anything else is a failed task), fetch the result, download the file.
 * Status and result URLs are built as the client builds them, on the submit URL's host.
 */
export async function falQueuedAudio(
  holder: HfClientHolder,
  args: FalArgs,
  callbacks: QueueCallbacks,
): Promise<FalAudio> {
  const { signal } = callbacks;
  const request = await falRequest(holder, "text-to-audio", args, signal);
  const submitted = await json<QueueStatus & { request_id?: string; response_url?: string }>(
    await send(holder, request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal,
    }),
    "queue answer",
  );
  const requestId = submitted.request_id;
  if (typeof requestId !== "string" || typeof submitted.response_url !== "string") {
    throw new InvalidResponseError(
      provider,
      "fal-ai's queue answer has no request_id or response_url",
    );
  }
  const submitUrl = new URL(request.url);
  const routed = submitUrl.host === "router.huggingface.co" ? "/fal-ai" : "";
  const base = `${submitUrl.origin}${routed}${new URL(submitted.response_url).pathname}`;
  const get = { headers: request.headers, signal };
  let status: QueueStatus = submitted;
  while (status.status !== "COMPLETED") {
    report(status, callbacks);
    if (status.status !== "IN_QUEUE" && status.status !== "IN_PROGRESS") {
      const reason = status.error ?? status.detail ?? `status ${status.status}`;
      throw new JobFailedError(
        provider,
        requestId,
        `${typeof reason === "string" ? reason : JSON.stringify(reason)}; try again, or another model.`,
      );
    }
    await sleep(holder.pollIntervalMs, undefined, { signal });
    status = await json<QueueStatus>(
      await send(holder, `${base}/status${submitUrl.search}`, get),
      "status",
    );
  }
  callbacks.onActivity?.();
  const result = await json<Record<string, unknown>>(
    await send(holder, `${base}${submitUrl.search}`, get),
    "result",
  );
  const file = (result.audio_file ?? result.audio) as FalFile | undefined;
  if (!file && result.detail !== undefined) {
    throw new JobFailedError(provider, requestId, `${falMessage(JSON.stringify(result))}.`);
  }
  callbacks.onProgress?.({ fraction: 1, message: "downloading" });
  return { ...(await download(holder, file, signal)), result, requestId };
}

function report(status: QueueStatus, callbacks: QueueCallbacks) {
  callbacks.onActivity?.();
  if (status.status === "IN_QUEUE") {
    callbacks.onProgress?.({ message: "queued", queuePosition: status.queue_position });
  } else if (status.status === "IN_PROGRESS") {
    const log = status.logs?.at(-1)?.message;
    callbacks.onProgress?.({ message: log ? `generating: ${log}` : "generating" });
  }
}
