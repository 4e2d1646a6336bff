import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeExchange } from "./fake-exchange.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import {
  type FakeGradioEndpoint,
  type FakeGradioKind,
  fakeGradioKinds,
  gradioConfig,
  gradioInfo,
} from "./gradio-app.js";
import { type GradioFiles, runGradioEndpoint } from "./gradio-run.js";
import { GradioSessions } from "./gradio-sessions.js";
import { gradioVideoRequest, returnsVideo, runGradioVideoJob } from "./gradio-video-jobs.js";
import { VideoJobBook } from "./video-job-book.js";

/** Options for {@link startFakeGradio}. */
export interface FakeGradioOptions {
  /** A ready-made app. Default `text-to-image` (`/infer` → [image, seed]). */
  kind?: FakeGradioKind;
  /** Your own endpoints instead of a kind's. */
  endpoints?: FakeGradioEndpoint[];
  /** When set, every route wants `Authorization: Bearer <token>` (a private Space). */
  token?: string;
  /** Time between `progress` messages (one per inference step). Default 0. */
  stepDelayMs?: number;
}

/** A fake Gradio app plus controls for the next job. */
export interface FakeGradio extends FakeServer {
  /** The next job ends in `process_completed` with `success: false` and this error. */
  failNextJob(message?: string): void;
  /** The next job is queued but never completes (until the client cancels it). */
  holdNextJob(): void;
  /** Calls to endpoints that return a video: each is a job that moves on per message, as planned. */
  readonly book: VideoJobBook;
  /** The server itself, named as the other video fakes name their API server. */
  readonly api: FakeServer;
}

/**
 * Starts a fake Gradio 5 app that the real `@gradio/client` 2.7.0 accepts: `GET /config`,
 * `GET /gradio_api/info`, `POST /gradio_api/queue/join`, the `sse_v3` stream on
 * `GET /gradio_api/queue/data` (`estimation`, `process_starts`, `progress`, `process_completed`,
 * `close_stream`), `POST /gradio_api/upload` (multipart `files`), `GET /gradio_api/file=…`,
 * `POST /gradio_api/cancel` and `/reset`. It also answers the Hub's
 * `GET /api/spaces/{owner}/{name}/host` with its own origin, so a Space id can be resolved
 * against it (`HF_ENDPOINT` or the provider's hub URL). Images are PNGs of the asked size.
 */
export async function startFakeGradio(options: FakeGradioOptions = {}): Promise<FakeGradio> {
  const endpoints = options.endpoints ?? fakeGradioKinds[options.kind ?? "text-to-image"];
  const sessions = new GradioSessions();
  const files: GradioFiles = new Map();
  const book = new VideoJobBook();
  let failNext: string | undefined;
  let holdNext = false;
  let root = "";

  function authorised(exchange: FakeExchange): boolean {
    if (!options.token || exchange.request.headers.authorization === `Bearer ${options.token}`)
      return true;
    exchange.json({ detail: "Not authenticated" }, 401);
    return false;
  }

  async function join(exchange: FakeExchange): Promise<void> {
    const body = (exchange.request.body ?? {}) as Record<string, unknown>;
    const endpoint = typeof body.fn_index === "number" ? endpoints[body.fn_index] : undefined;
    const hash = typeof body.session_hash === "string" ? body.session_hash : "";
    if (!hash) return exchange.json({ detail: "session_hash is required" }, 400);
    if (!endpoint || !Array.isArray(body.data))
      return exchange.json({ detail: "Invalid fn_index or data" }, 422);
    const eventId = randomUUID().replace(/-/g, "");
    const failure = failNext;
    const hold = holdNext;
    failNext = undefined;
    holdNext = false;
    let run: ReturnType<typeof runGradioEndpoint> | { error: string };
    try {
      run = runGradioEndpoint(endpoint, body.data, { exchange, files, root });
    } catch (error) {
      run = { error: (error as Error).message };
    }
    sessions.join(hash, eventId);
    exchange.json({ event_id: eventId });
    const send = (message: Record<string, unknown>) =>
      sessions.send(hash, { ...message, event_id: eventId });
    const video = returnsVideo(endpoint) && "data" in run;
    if (video) book.create(gradioVideoRequest(endpoint, body.data), eventId);
    if (video && !hold && "data" in run) {
      if (failure !== undefined) send({ msg: "estimation", rank: 0, queue_size: 1, rank_eta: 1 });
      const end =
        failure === undefined
          ? await runGradioVideoJob(
              book,
              eventId,
              send,
              () => sessions.isPending(hash, eventId),
              options.stepDelayMs ?? 0,
            )
          : { kind: "error" as const, message: failure };
      if (end.kind === "gone") return;
      if (end.kind === "unexpected") send({ msg: "unexpected_error", message: end.message });
      else complete(send, end.kind === "error" ? end.message : undefined, run.data);
      sessions.finish(hash, eventId);
      return;
    }
    send({ msg: "estimation", rank: 0, queue_size: 1, rank_eta: 1.5 });
    send({ msg: "process_starts", eta: 1.5, progress_data: null });
    if (hold) return;
    const steps = "steps" in run ? run.steps : 0;
    for (let index = 0; index < steps; index++) {
      if (options.stepDelayMs) await sleep(options.stepDelayMs);
      if (!sessions.isPending(hash, eventId)) return;
      send({
        msg: "progress",
        progress_data: [{ index, length: steps, unit: "steps", progress: null, desc: null }],
      });
    }
    const error = failure ?? ("error" in run ? run.error : undefined);
    complete(send, error, "data" in run ? run.data : []);
    sessions.finish(hash, eventId);
  }

  /** `process_completed`: the job's error, or its output data. */
  function complete(
    send: (message: Record<string, unknown>) => void,
    error: string | undefined,
    data: unknown[],
  ): void {
    if (error !== undefined) {
      send({
        msg: "process_completed",
        output: { error, title: "Error", visible: true, duration: 10 },
        success: false,
        title: "Error",
      });
      return;
    }
    send({
      msg: "process_completed",
      output: {
        data,
        is_generating: false,
        duration: 0.1,
        average_duration: 0.1,
        render_config: null,
        changed_state_ids: [],
      },
      success: true,
      title: null,
    });
  }

  async function upload(exchange: FakeExchange): Promise<void> {
    const type = exchange.request.headers["content-type"] ?? "";
    const form = await new Response(exchange.request.rawBody, { headers: { "content-type": type } })
      .formData()
      .catch(() => undefined);
    const parts = form?.getAll("files").filter((part) => typeof part !== "string") ?? [];
    if (parts.length === 0) return exchange.json({ detail: "No files uploaded" }, 400);
    const paths: string[] = [];
    for (const part of parts) {
      const path = `/tmp/gradio/${randomUUID().replace(/-/g, "")}/${part.name || "blob"}`;
      files.set(path, {
        bytes: Buffer.from(await part.arrayBuffer()),
        type: part.type || "application/octet-stream",
      });
      paths.push(path);
    }
    exchange.json(paths);
  }

  async function route(exchange: FakeExchange): Promise<void> {
    const { method, path } = exchange.request;
    const hub = /^\/api\/spaces\/([^/]+)\/([^/]+)\/host$/.exec(path);
    if (method === "GET" && hub) {
      if (!authorised(exchange)) return;
      return exchange.json({ subdomain: `${hub[1]}-${hub[2]}`.toLowerCase(), host: root });
    }
    if (!authorised(exchange)) return;
    if (method === "GET" && path === "/config") return exchange.json(gradioConfig(endpoints, root));
    if (method === "GET" && path === "/gradio_api/info")
      return exchange.json(gradioInfo(endpoints));
    if (method === "POST" && path === "/gradio_api/queue/join") return join(exchange);
    if (method === "GET" && path === "/gradio_api/queue/data") {
      const cut =
        exchange.fault && "cutStreamAfter" in exchange.fault
          ? exchange.fault.cutStreamAfter
          : undefined;
      sessions.open(String(exchange.request.query.session_hash ?? ""), exchange.response, cut);
      return;
    }
    if (method === "POST" && path === "/gradio_api/upload") return upload(exchange);
    if (method === "GET" && path.startsWith("/gradio_api/file=")) {
      const file = files.get(decodeURIComponent(path.slice("/gradio_api/file=".length)));
      if (!file) return exchange.json({ detail: "File not found" }, 404);
      exchange.response.writeHead(200, {
        "content-type": file.type,
        "content-length": String(file.bytes.length),
      });
      // `truncateAudio` on a file: half of it arrives, then the connection closes.
      if (exchange.fault && "truncateAudio" in exchange.fault) {
        const half = file.bytes.subarray(0, file.bytes.length / 2);
        exchange.response.write(half, () => exchange.response.destroy());
        return;
      }
      exchange.response.end(file.bytes);
      return;
    }
    if (method === "POST" && path === "/gradio_api/cancel") {
      const { session_hash, event_id } = (exchange.request.body ?? {}) as Record<string, string>;
      if (session_hash && event_id && sessions.isPending(session_hash, event_id))
        sessions.finish(session_hash, event_id);
      return exchange.json({ success: true });
    }
    if (method === "POST" && path === "/gradio_api/reset") return exchange.json({ success: true });
    if (method === "GET" && path === "/gradio_api/app_id")
      return exchange.json({ app_id: 1234567890 });
    if (method === "GET" && path === "/") {
      exchange.response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      exchange.response.end("<!doctype html><html><head><title>Gradio</title></head></html>");
      return;
    }
    exchange.json({ detail: "Not Found" }, 404);
  }

  const server = await startFakeServer(route, {
    errorBody: (status) => ({ detail: `status ${status}` }),
  });
  root = server.origin;
  const fake: FakeGradio = {
    ...server,
    get requests() {
      return server.requests;
    },
    get abortedRequests() {
      return server.abortedRequests;
    },
    failNextJob: (message = "CUDA out of memory") => {
      failNext = message;
    },
    holdNextJob: () => {
      holdNext = true;
    },
    book,
    get api() {
      return fake;
    },
    async close() {
      sessions.clear();
      await server.close();
    },
  };
  return fake;
}
