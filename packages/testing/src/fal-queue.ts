import { randomUUID } from "node:crypto";
import type { FakeExchange } from "./fake-exchange.js";
import {
  answerFalVideoResult,
  answerFalVideoStatus,
  falVideoApp,
  parseFalVideo,
} from "./fal-video.js";
import { type FakeAudioFile, falMusic, falSpeech } from "./hf-audio.js";
import { VideoJobBook } from "./video-job-book.js";

/** How the fake fal queue moves a request along. */
export interface FalQueueOptions {
  /** Queue position reported at the first status poll, counting down to 0. Default 2. */
  queuePosition?: number;
  /** Status polls answered IN_PROGRESS before COMPLETED. Default 1. */
  progressPolls?: number;
  /**
   * Where result files are said to be, e.g. `https://v3.fal.media/files` (a test's fetch then
   * sends that host here). Default: this server's `/files`.
   */
  fileBaseUrl?: string;
}

interface FalRequest {
  appId: string;
  result: Record<string, unknown>;
  queuePosition: number;
  progressPolls: number;
}

/**
 * `…/<app>/requests/<id>/status` and `…/<app>/requests/<id>`, behind the router (`/fal-ai/<app>`)
 * or as on queue.fal.run (`/<app>`).
 */
const queuePath = /^\/(.+)\/requests\/([^/]+?)(\/status)?$/;
const cancelPath = /^\/.+\/requests\/([^/]+)\/cancel$/;
const submitPath = /^\/fal-ai\/(.+)$/;
const filePath = /^\/files\/([^/]+)$/;

/** fal's app id is the first two segments; a longer provider id names a path inside the app. */
function appIdOf(providerId: string): string {
  return providerId.split("/").slice(0, 2).join("/");
}

/**
 * fal-ai behind the Hugging Face router: synchronous text-to-speech (`POST /fal-ai/<id>`), the
 * queue (`POST /fal-ai/<id>?_subdomain=queue` → `GET …/requests/<rid>/status` through IN_QUEUE
 * with a queue position, IN_PROGRESS and COMPLETED → `GET …/requests/<rid>`; `PUT …/cancel`
 * while still queued), and the result
 * files (`GET /files/<name>`), which honour `cutBodyAtFraction` (Content-Length says more than
 * is sent, then the socket closes) and `truncateAudio` on the request that made them.
 */
export class FakeFalQueue {
  readonly #requests = new Map<string, FalRequest>();
  readonly #files = new Map<string, FakeAudioFile>();
  /** Video jobs (Wan text-to-video and image-to-video), with the fal app each was sent to. */
  readonly book = new VideoJobBook();
  readonly #videoApps = new Map<string, string>();
  readonly #videoLinks = new Map<string, string>();

  constructor(
    private readonly options: FalQueueOptions,
    private readonly origin: () => string,
  ) {}

  /** Answers the request if it is a fal one; false when it is not. */
  route(exchange: FakeExchange): boolean {
    const { method, path } = exchange.request;
    const file = method === "GET" ? filePath.exec(path) : null;
    if (file) {
      this.#sendFile(exchange, file[1] ?? "");
      return true;
    }
    const cancelled = method === "PUT" ? cancelPath.exec(path) : null;
    if (cancelled && this.#videoApps.has(cancelled[1] ?? "")) {
      this.#cancelVideo(exchange, cancelled[1] ?? "");
      return true;
    }
    if (cancelled) {
      const request = this.#requests.get(cancelled[1] ?? "");
      if (!request) exchange.json({ detail: "Request not found" }, 404);
      else if (request.queuePosition > 0) {
        this.#requests.delete(cancelled[1] ?? "");
        exchange.json({ status: "CANCELLATION_REQUESTED" }, 202);
      } else exchange.json({ status: "ALREADY_COMPLETED" }, 400);
      return true;
    }
    const queued = method === "GET" ? queuePath.exec(path) : null;
    if (queued && this.#videoApps.has(queued[2] ?? "")) {
      this.#answerVideo(exchange, queued[1] ?? "", queued[2] ?? "", Boolean(queued[3]));
      return true;
    }
    if (queued) {
      const request = this.#requests.get(queued[2] ?? "");
      const app = queued[1] ?? "";
      if (!request || (app !== request.appId && app !== `fal-ai/${request.appId}`)) {
        exchange.json({ detail: "Request not found" }, 404);
      } else if (queued[3]) this.#answerStatus(exchange, queued[2] ?? "", request);
      else this.#answerResult(exchange, request);
      return true;
    }
    if (method === "POST" && falVideoApp.test(path)) {
      // Behind the router the path is `/fal-ai/<fal id>`; on queue.fal.run it is the fal id.
      this.#submitVideo(exchange, path.slice(1).replace(/^fal-ai\/(?=fal-ai\/)/, ""));
      return true;
    }
    const submit = method === "POST" ? submitPath.exec(path) : null;
    if (!submit) return false;
    const providerId = submit[1] ?? "";
    if (exchange.request.query._subdomain === "queue") this.#submit(exchange, providerId);
    else this.#speak(exchange);
    return true;
  }

  #storeFile(file: FakeAudioFile, exchange: FakeExchange) {
    const truncate = exchange.fault && "truncateAudio" in exchange.fault;
    const bytes = truncate ? file.bytes.subarray(0, Math.floor(file.bytes.length / 2)) : file.bytes;
    const extension = file.contentType === "audio/mpeg" ? "mp3" : "wav";
    const name = `${randomUUID()}.${extension}`;
    this.#files.set(name, { bytes, contentType: file.contentType });
    const base = this.options.fileBaseUrl ?? `${this.origin()}/files`;
    // fal reports the size it made; a truncateAudio fault cuts what is served, not that size.
    return { url: `${base}/${name}`, content_type: file.contentType, file_size: file.bytes.length };
  }

  #speak(exchange: FakeExchange) {
    const outcome = falSpeech((exchange.request.body ?? {}) as Record<string, unknown>);
    if ("error" in outcome) return exchange.json(outcome.error, 422);
    exchange.json({ audio: this.#storeFile(outcome.file, exchange) });
  }

  #submit(exchange: FakeExchange, providerId: string) {
    const body = (exchange.request.body ?? {}) as Record<string, unknown>;
    const outcome = falMusic(providerId, body);
    if ("error" in outcome) return exchange.json(outcome.error, 422);
    const audio = this.#storeFile(outcome.file, exchange);
    const field = /stable-audio/.test(providerId) ? "audio_file" : "audio";
    const id = randomUUID();
    const appId = appIdOf(providerId);
    this.#requests.set(id, {
      appId,
      result: { [field]: audio, ...(typeof body.seed === "number" ? { seed: body.seed } : {}) },
      queuePosition: this.options.queuePosition ?? 2,
      progressPolls: this.options.progressPolls ?? 1,
    });
    const responseUrl = `https://queue.fal.run/${appId}/requests/${id}`;
    exchange.json({
      request_id: id,
      status: "IN_QUEUE",
      queue_position: this.options.queuePosition ?? 2,
      response_url: responseUrl,
      status_url: `${responseUrl}/status`,
      cancel_url: `${responseUrl}/cancel`,
    });
  }

  /** Drops every video job (a fresh book for the next test); plans not yet used stay. */
  forgetVideos() {
    this.book.jobs.clear();
    this.#videoApps.clear();
    this.#videoLinks.clear();
  }

  #submitVideo(exchange: FakeExchange, providerId: string) {
    const parsed = parseFalVideo(
      providerId,
      (exchange.request.body ?? {}) as Record<string, unknown>,
    );
    if ("errors" in parsed) return exchange.json({ detail: parsed.errors }, 422);
    const job = this.book.create(parsed.request);
    const appId = appIdOf(providerId);
    this.#videoApps.set(job.id, appId);
    const responseUrl = `https://queue.fal.run/${appId}/requests/${job.id}`;
    exchange.json({
      request_id: job.id,
      status: "IN_QUEUE",
      queue_position: job.plan.queuedPolls ?? 1,
      response_url: responseUrl,
      status_url: `${responseUrl}/status`,
      cancel_url: `${responseUrl}/cancel`,
    });
  }

  #answerVideo(exchange: FakeExchange, app: string, id: string, status: boolean) {
    const appId = this.#videoApps.get(id);
    const job = this.book.jobs.get(id);
    if (!job || (app !== appId && app !== `fal-ai/${appId}`)) {
      return exchange.json({ detail: "Request not found" }, 404);
    }
    const responseUrl = `https://queue.fal.run/${appId}/requests/${id}`;
    if (status) return answerFalVideoStatus(exchange, this.book, job, responseUrl);
    const files = this.options.fileBaseUrl
      ? new URL(this.options.fileBaseUrl).origin
      : this.origin();
    answerFalVideoResult(exchange, this.book, job, files, this.#videoLinks);
  }

  /** fal cancels a request that has not started; one running or done answers 400. */
  #cancelVideo(exchange: FakeExchange, id: string) {
    const job = this.book.jobs.get(id);
    if (job && this.book.snapshot(job).state === "queued" && this.book.cancel(id)) {
      return exchange.json({ status: "CANCELLATION_REQUESTED" }, 202);
    }
    exchange.json({ status: "ALREADY_COMPLETED" }, 400);
  }

  #answerStatus(exchange: FakeExchange, id: string, request: FalRequest) {
    const responseUrl = `https://queue.fal.run/${request.appId}/requests/${id}`;
    if (request.queuePosition > 0) {
      request.queuePosition -= 1;
      const position = request.queuePosition;
      return exchange.json(
        { status: "IN_QUEUE", queue_position: position, response_url: responseUrl },
        202,
      );
    }
    if (request.progressPolls > 0) {
      request.progressPolls -= 1;
      const logs = [{ timestamp: new Date().toISOString(), level: "INFO", message: "sampling" }];
      return exchange.json({ status: "IN_PROGRESS", logs, response_url: responseUrl }, 202);
    }
    exchange.json({ status: "COMPLETED", logs: [], metrics: { inference_time: 0.5 } });
  }

  #answerResult(exchange: FakeExchange, request: FalRequest) {
    if (request.queuePosition > 0 || request.progressPolls > 0) {
      return exchange.json({ detail: "Request is still in progress" }, 400);
    }
    exchange.json(request.result);
  }

  #sendFile(exchange: FakeExchange, name: string) {
    const file = this.#files.get(name);
    if (!file) return exchange.json({ detail: "File not found" }, 404);
    const { response, fault } = exchange;
    response.writeHead(200, {
      "content-type": file.contentType,
      "content-length": String(file.bytes.length),
    });
    if (!(fault && "cutBodyAtFraction" in fault)) return void response.end(file.bytes);
    const cut = Math.floor(file.bytes.length * fault.cutBodyAtFraction);
    response.write(file.bytes.subarray(0, cut), () => response.destroy());
  }
}
