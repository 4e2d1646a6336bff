/** fal-ai's queue (text-to-audio), driven here so that progress, abort and cancel work. */
import { setTimeout as sleep } from "node:timers/promises";
import { InvalidResponseError, JobFailedError } from "../../errors.js";
import type { Progress } from "../../spec/index.js";
import {
  download,
  type FalArgs,
  type FalAudio,
  type FalFile,
  falMessage,
  falRequest,
  json,
  provider,
  send,
} from "./hf-fal.js";
import type { HfClientHolder } from "./hf-provider.js";

interface QueueCallbacks {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  onActivity?: () => void;
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
  try {
    return await awaitResult(holder, submitted, base, submitUrl.search, get, callbacks);
  } catch (error) {
    // A request given up on (aborted, timed out, or about to be sent again by core's retry) is
    // cancelled, so it is not run and paid for after all; one that failed on its own is over.
    if (!(error instanceof JobFailedError)) {
      cancel(holder, `${base}/cancel${submitUrl.search}`, request.headers);
    }
    throw error;
  }
}

function cancel(holder: HfClientHolder, url: string, headers: Record<string, string>) {
  holder
    .http(url, { method: "PUT", headers, signal: AbortSignal.timeout(5000) })
    .then((response) => response.body?.cancel())
    .catch(() => {});
}

async function awaitResult(
  holder: HfClientHolder,
  submitted: QueueStatus & { request_id?: string },
  base: string,
  search: string,
  get: { headers: Record<string, string>; signal?: AbortSignal },
  callbacks: QueueCallbacks,
): Promise<FalAudio> {
  const { signal } = callbacks;
  const requestId = submitted.request_id ?? "";
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
    status = await json<QueueStatus>(await send(holder, `${base}/status${search}`, get), "status");
  }
  callbacks.onActivity?.();
  const result = await json<Record<string, unknown>>(
    await send(holder, `${base}${search}`, get),
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
