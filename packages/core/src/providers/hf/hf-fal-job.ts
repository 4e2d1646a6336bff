/**
 * A fal queue request as a resumable job: the id names the route it was sent on and the
 * request's path (`hf-router:fal-ai/wan/requests/<rid>` through the Hugging Face router with an
 * hf_ token, `fal-queue:fal-ai/wan/requests/<rid>` on queue.fal.run with a fal key), so another
 * process can ask for its status; one status request maps fal's spelling to a job state.
 */
import { ApiCallError, InvalidInputError, InvalidResponseError } from "../../errors.js";
import type { VideoJobStatus } from "../../spec/index.js";
import { unknownJobStatus } from "../unknown-job-status.js";
import { falMessage, provider, send } from "./hf-fal.js";
import type { HfClientHolder } from "./hf-provider.js";

export type FalRoute = "hf-router" | "fal-queue";

const jobIdPattern = /^(hf-router|fal-queue):([\w.-]+(?:\/[\w.-]+)*\/requests\/[\w-]+)$/;

export function falJobId(route: FalRoute, responseUrl: string): string {
  return `${route}:${new URL(responseUrl).pathname.replace(/^\/+/, "")}`;
}

/** The request's URL (status, cancel and result hang off it) and the headers fal wants. */
export function falJobTarget(
  jobId: string,
  token: string,
): { base: string; search: string; headers: Record<string, string> } {
  const match = jobIdPattern.exec(jobId);
  if (!match) {
    throw new InvalidInputError(
      `"${jobId}" is not an hf video job id (they look like hf-router:fal-ai/wan/requests/<id>); use the id the start returned.`,
    );
  }
  const [, route, path] = match;
  const routed = route === "hf-router";
  if (routed !== token.startsWith("hf_")) {
    throw new InvalidInputError(
      routed
        ? `hf job ${jobId} was sent through the Hugging Face router; set HF_TOKEN to an hf_ token to follow it.`
        : `hf job ${jobId} was sent to fal with a fal key; set FAL_KEY (and no hf_ HF_TOKEN) to follow it.`,
    );
  }
  return {
    base: routed ? `https://router.huggingface.co/fal-ai/${path}` : `https://queue.fal.run/${path}`,
    search: routed ? "?_subdomain=queue" : "",
    headers: { Authorization: routed ? `Bearer ${token}` : `Key ${token}` },
  };
}

interface FalStatus {
  status?: unknown;
  queue_position?: unknown;
  logs?: { message?: unknown }[] | null;
  error?: unknown;
  error_type?: unknown;
}

/** One status request (and, once COMPLETED, the result fetch), mapped to a job state. */
export async function falJobStatus(
  holder: HfClientHolder,
  jobId: string,
  token: string,
  signal: AbortSignal | undefined,
): Promise<VideoJobStatus> {
  const { base, search, headers } = falJobTarget(jobId, token);
  const answer = await getJson<FalStatus>(holder, `${base}/status${search}`, headers, signal);
  if ("gone" in answer) return gone(jobId);
  const status = answer.value;
  switch (status.status) {
    case "IN_QUEUE":
      return {
        state: "queued",
        message: "IN_QUEUE",
        queuePosition:
          typeof status.queue_position === "number" ? status.queue_position : undefined,
      };
    case "IN_PROGRESS": {
      const log = status.logs?.at(-1)?.message;
      return { state: "running", message: typeof log === "string" ? log : "IN_PROGRESS" };
    }
    case "COMPLETED":
      if (status.error !== undefined && status.error !== null) {
        return ended(String(status.error), status.error_type);
      }
      return result(holder, jobId, `${base}${search}`, headers, signal);
    default:
      throw unknownJobStatus(provider, status.status, `${jobId} in fal-ai's queue`, [
        "IN_QUEUE",
        "IN_PROGRESS",
        "COMPLETED",
      ]);
  }
}

async function result(
  holder: HfClientHolder,
  jobId: string,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<VideoJobStatus> {
  let body: Record<string, unknown>;
  try {
    const answer = await getJson<Record<string, unknown>>(holder, url, headers, signal);
    if ("gone" in answer) return gone(jobId);
    body = answer.value;
  } catch (error) {
    const failure = runFailure(error);
    if (failure) return failure;
    throw error;
  }
  const video = body.video as { url?: unknown } | undefined;
  if (typeof video?.url === "string" && /^https?:\/\//.test(video.url)) {
    return { state: "succeeded", video: { url: video.url } };
  }
  if (body.detail !== undefined) return ended(falMessage(JSON.stringify(body)), codeOf(body));
  throw new InvalidResponseError(
    provider,
    `fal-ai's result for ${jobId} names no video URL (got ${JSON.stringify(body).slice(0, 200)})`,
  );
}

/**
 * The result fetch of a run that failed answers fal's error: a 4xx `detail` array from the model
 * (bad input, moderation) or a request error with `error_type` (timeouts, runner failures, the
 * client cancelling; fal has already retried those). Auth, rate limits and HTML pages are not a
 * verdict on the run, so they stay errors for core to retry or report.
 */
function runFailure(error: unknown): VideoJobStatus | undefined {
  if (!(error instanceof ApiCallError) || error.responseBody === undefined) return undefined;
  if ([401, 403, 404, 408, 429].includes(error.status)) return undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(error.responseBody) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (body.detail === undefined || (error.status >= 500 && body.error_type === undefined)) {
    return undefined;
  }
  return ended(falMessage(error.responseBody), codeOf(body) ?? String(error.status));
}

function codeOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.error_type === "string") return body.error_type;
  const first = Array.isArray(body.detail) ? (body.detail[0] as { type?: unknown }) : undefined;
  return typeof first?.type === "string" ? first.type : undefined;
}

function ended(message: string, code: unknown): VideoJobStatus {
  const type = typeof code === "string" ? code : undefined;
  if (type === "client_cancelled") return { state: "cancelled", message, code: type };
  return { state: "failed", message, code: type };
}

function gone(jobId: string): VideoJobStatus {
  return {
    state: "expired",
    message: `fal-ai no longer knows request ${jobId} (an id from elsewhere, or one kept past fal's retention); start it again.`,
  };
}

/** GET as JSON; fal's own 404 ("Request not found") is `gone`, an HTML page is named as such. */
async function getJson<T>(
  holder: HfClientHolder,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<{ value: T } | { gone: true }> {
  let response: Response;
  try {
    response = await send(holder, url, { headers, signal });
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 404 && isFalJson(error.responseBody)) {
      return { gone: true };
    }
    throw error;
  }
  const text = await response.text();
  try {
    return { value: JSON.parse(text) as T };
  } catch (error) {
    const html = /^\s*(<!doctype html|<html)/i.test(text);
    throw new InvalidResponseError(
      provider,
      html
        ? `fal-ai's queue sent an HTML page instead of JSON (a proxy or gateway in the way?) from ${new URL(url).host}`
        : `fal-ai's queue answer was not JSON (${text.length} bytes)`,
      error,
    );
  }
}

function isFalJson(body: string | undefined): boolean {
  try {
    return (JSON.parse(body ?? "") as { detail?: unknown }).detail !== undefined;
  } catch {
    return false;
  }
}
