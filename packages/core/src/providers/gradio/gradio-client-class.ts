import { retryAfterFrom } from "../../retry-after.js";
import { type GradioCallContext, gradioCall } from "./gradio-call-context.js";
import type { GradioStatus } from "./gradio-progress.js";
import { sseData } from "./gradio-sse.js";

/** The client's own words for a dropped connection; events carrying it are connection errors. */
export const brokenConnectionMessage = "Connection errored out.";

/** An event of a submitted job (the client's `GradioEvent`, as far as the adapter reads it). */
export type GradioEvent =
  | { type: "data"; data: unknown[] }
  | ({ type: "status"; message?: unknown } & GradioStatus)
  | { type: "log" | "render" };

export interface GradioJob extends AsyncIterable<GradioEvent> {
  cancel(): Promise<void>;
  event_id(): string;
  return?(): Promise<unknown>;
}

/**
 * The members of `@gradio/client`'s Client the adapter uses. (Its published types do not
 * resolve under NodeNext, so they are written out here.)
 */
export interface GradioClient {
  config?: { root: string };
  api_prefix: string;
  session_hash: string;
  api_map: Record<string, number>;
  api_info: unknown;
  apiInfoError?: unknown;
  view_api(): Promise<unknown>;
  submit(
    endpoint: string,
    data: unknown[],
    eventData?: unknown,
    triggerId?: number | null,
    allEvents?: boolean,
  ): GradioJob;
  close(): void;
}

interface BaseClient extends GradioClient {
  options: { token?: string };
  abort_controller: AbortController | null;
  stream_status: { open: boolean };
  stream_instance: unknown;
  fetch(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response>;
  stream(url: URL): unknown;
}
type BaseClientClass = new (reference: string, options: Record<string, unknown>) => BaseClient;

export type GradioClientClass = {
  connect(reference: string, options: Record<string, unknown>): Promise<GradioClient>;
};

function noteFailure(context: GradioCallContext | undefined, response: Response, url: string) {
  if (!context || response.ok) return;
  context.failure = {
    status: response.status,
    url,
    contentType: response.headers.get("content-type") ?? undefined,
    retryAfterMs: retryAfterFrom(response.headers),
  };
}

/**
 * `@gradio/client`'s Client, adjusted for a library: every request (the SSE stream included)
 * goes through core's fetch, so proxies, the call's signal and error observation work; a
 * failed `/info` is kept instead of printed; a stream that breaks reaches the waiting job as
 * an error instead of leaving it waiting forever.
 */
export async function gradioClientClass(
  baseFetch: typeof globalThis.fetch,
  appHeaders: Record<string, string>,
): Promise<GradioClientClass> {
  const { Client } = (await import("@gradio/client")) as unknown as { Client: BaseClientClass };

  class PathGradioClient extends Client {
    override apiInfoError: unknown;

    constructor(reference: string, options: Record<string, unknown>) {
      super(reference, options);
      const viewApi = this.view_api;
      this.view_api = async () => {
        try {
          return await viewApi();
        } catch (error) {
          this.apiInfoError = error;
          return undefined;
        }
      };
    }

    override async fetch(
      input: Parameters<typeof fetch>[0],
      init?: RequestInit,
    ): Promise<Response> {
      const context = gradioCall.getStore();
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries({ ...appHeaders, ...context?.headers })) {
        headers.set(name, value);
      }
      const signals = [init?.signal, context?.signal].filter((each): each is AbortSignal => !!each);
      const response = await baseFetch(input, {
        ...init,
        headers,
        signal: signals.length ? AbortSignal.any(signals) : undefined,
      });
      noteFailure(context, response, String(input instanceof Request ? input.url : input));
      return response;
    }

    override stream(url: URL): unknown {
      const controller = new AbortController();
      this.abort_controller = controller;
      const source = {
        onmessage: null as ((event: { data: string }) => void) | null,
        onerror: null,
        readyState: 0,
        url: url.toString(),
        close: () => controller.abort(),
      };
      const token = this.options.token;
      const headers = {
        ...appHeaders,
        accept: "text/event-stream",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      };
      const heartbeat = url.pathname.includes("/heartbeat/");
      const context = gradioCall.getStore();
      const deliver = (data: string) => source.onmessage?.({ data });
      void (async () => {
        try {
          const response = await baseFetch(url, { headers, signal: controller.signal });
          noteFailure(context, response, url.toString());
          if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
          source.readyState = 1;
          for await (const data of sseData(response.body)) deliver(data);
          if (!controller.signal.aborted) throw new Error("the event stream ended early");
        } catch (error) {
          source.readyState = 2;
          if (controller.signal.aborted || heartbeat) return;
          // Tell every waiting job (a message without event_id reaches them all), and let the
          // next submit open a fresh stream.
          this.stream_status.open = false;
          const reason = error instanceof Error ? error.message : String(error);
          deliver(
            JSON.stringify({
              msg: "process_completed",
              event_id: null,
              success: false,
              output: { error: `${brokenConnectionMessage} ${reason}` },
            }),
          );
        }
      })();
      this.stream_instance = source;
      return source;
    }
  }

  return PathGradioClient as unknown as GradioClientClass;
}
