import {
  ApiCallError,
  ConnectionError,
  InvalidResponseError,
  JobFailedError,
  PathError,
} from "../../errors.js";
import type { FailedResponse } from "./gradio-call-context.js";
import { brokenConnectionMessage } from "./gradio-client-class.js";

const busy = /application is currently busy|queue is full|too many requests|rate.?limit|quota/i;

export interface GradioFailure {
  /** What the client said: an Error's message or an error status event's message. */
  message: string;
  /** The last failed HTTP answer during the call, if any. */
  failure?: FailedResponse;
  appURL: string;
  /** Set when the Space's own function failed (a `process_completed` error). */
  eventId?: string;
  cause?: unknown;
}

/**
 * The Gradio client reports everything as message strings; this turns them (and the HTTP
 * answer seen underneath) into the error tree. A busy queue or spent quota is a retryable 429.
 */
export function gradioError(report: GradioFailure): PathError {
  const { message, failure, appURL, cause } = report;
  const retryAfterMs = failure?.retryAfterMs;
  if ((failure?.status === 429 || failure?.status === 503 || !failure) && busy.test(message)) {
    return new ApiCallError({
      provider: "gradio",
      status: 429,
      message: `the app at ${appURL} is busy (queue full or quota used up): ${message}`,
      url: failure?.url,
      retryAfterMs,
      cause,
    });
  }
  if (failure) {
    const html = failure.contentType?.includes("text/html");
    const explained = html
      ? "the server sent an HTML page instead of JSON (a proxy or gateway in the way, or the wrong URL?)"
      : failure.status === 401 || failure.status === 403
        ? `${appURL} wants a login: a private Space needs HF_TOKEN with access to it`
        : failure.status === 404 && failure.url.endsWith("/config")
          ? `there is no Gradio app at ${appURL}`
          : message;
    return new ApiCallError({
      provider: "gradio",
      status: failure.status,
      message: explained,
      url: failure.url,
      retryAfterMs,
      cause,
    });
  }
  if (message.startsWith(brokenConnectionMessage) || isNetworkFailure(cause, message)) {
    return new ConnectionError(
      "gradio",
      `nothing answers at ${appURL}, or the connection broke; start the app (python app.py) or check the URL or Space name`,
      cause,
    );
  }
  if (/Could not parse server response/.test(message)) {
    return new InvalidResponseError("gradio", `${appURL} answered with broken JSON`, cause);
  }
  if (cause instanceof SyntaxError) {
    return new InvalidResponseError(
      "gradio",
      `${appURL} did not answer with a Gradio config (HTML or broken JSON); is it a Gradio app's URL?`,
      cause,
    );
  }
  if (report.eventId !== undefined) return new JobFailedError("gradio", report.eventId, message);
  return new PathError("provider-error", `gradio: ${message}`, { cause });
}

function isNetworkFailure(cause: unknown, message: string): boolean {
  const detail = `${message} ${(cause as { cause?: { code?: string } } | undefined)?.cause?.code ?? ""}`;
  return /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket hang up/i.test(detail);
}
