/**
 * OpenAI's Sora video routes on the fake OpenAI server, over a {@link VideoJobBook}: create
 * (multipart as the client sends it, or JSON), retrieve, list, delete, remix, and the content
 * download (the API key required, Range supported, 404 until the video is completed).
 */
import { randomBytes } from "node:crypto";
import { imageSize, sniffMediaType } from "@path/core";
import type { FakeExchange } from "./fake-exchange.js";
import { multipartField, parseMultipart } from "./multipart.js";
import { openAIError } from "./openai-error.js";
import { sendRangedBytes } from "./ranged-bytes.js";
import type { FakeVideoJob, VideoJobBook } from "./video-job-book.js";

const models = [
  "sora-2",
  "sora-2-pro",
  "sora-2-2025-10-06",
  "sora-2-pro-2025-10-06",
  "sora-2-2025-12-08",
];
const standardSizes = ["720x1280", "1280x720"];
const proSizes = [...standardSizes, "1024x1792", "1792x1024"];
const secondsAllowed = ["4", "8", "12"];
/** How long a finished video's files stay downloadable, as `expires_at` says. */
const keptSeconds = 60 * 60;

interface SoraJob {
  model: string;
  seconds: string;
  size: string;
  createdAt: number;
  remixedFrom: string | null;
  completedAt?: number;
}

/** The Sora side of the fake: the book plus what OpenAI's video object shows beyond it. */
export class FakeSoraVideos {
  private readonly jobs = new Map<string, SoraJob>();
  /** Ids deleted with `DELETE /v1/videos/{id}`: the book still counts them as paid jobs. */
  readonly deleted = new Set<string>();

  constructor(readonly book: VideoJobBook) {}

  /** Answers a `/v1/videos…` request; false for any other path. */
  async answer(exchange: FakeExchange): Promise<boolean> {
    const { method, path } = exchange.request;
    if (path === "/v1/videos") {
      if (method === "POST") await this.create(exchange);
      else if (method === "GET") this.list(exchange);
      else return false;
      return true;
    }
    const match = /^\/v1\/videos\/([^/]+)(\/content|\/remix)?$/.exec(path);
    if (!match) return false;
    const id = decodeURIComponent(match[1]!);
    const route = `${method} ${match[2] ?? ""}`;
    if (route === "GET ") this.retrieve(exchange, id);
    else if (route === "DELETE ") this.remove(exchange, id);
    else if (route === "GET /content") await this.content(exchange, id);
    else if (route === "POST /remix") await this.remix(exchange, id);
    else return false;
    return true;
  }

  private async create(exchange: FakeExchange) {
    const { parts, field } = await requestFields(exchange);
    const prompt = field("prompt");
    if (!hasPrompt(exchange, prompt)) return;
    const model = field("model") ?? "sora-2";
    if (!isOneOf(exchange, "model", model, models)) return;
    // The API takes seconds as a string; a JSON number is refused like an unknown value.
    const seconds = field("seconds") ?? "4";
    if (!isOneOf(exchange, "seconds", seconds, secondsAllowed)) return;
    const sizes = model.startsWith("sora-2-pro") ? proSizes : standardSizes;
    const size = field("size") ?? "720x1280";
    if (!isOneOf(exchange, "size", size, sizes)) return;
    const reference = parts.find((part) => part.name === "input_reference");
    if (reference) {
      const type = sniffMediaType(reference.data);
      const dimensions = imageSize(reference.data);
      if (!type || !["image/jpeg", "image/png", "image/webp"].includes(type) || !dimensions) {
        return invalid(
          exchange,
          `Invalid file 'input_reference': unsupported mimetype ('${reference.contentType ?? "unknown"}'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.`,
          "input_reference",
          "invalid_value",
        );
      }
      if (`${dimensions.width}x${dimensions.height}` !== size) {
        // The API's own words, with no param and no code.
        return invalid(
          exchange,
          "Inpaint image must match the requested width and height",
          null,
          null,
        );
      }
    }
    const [width, height] = size.split("x").map(Number) as [number, number];
    const job = this.book.create(
      { prompt, seconds: Number(seconds), width, height, image: Boolean(reference), model },
      newVideoId(),
    );
    this.jobs.set(job.id, { model, seconds, size, createdAt: now(), remixedFrom: null });
    exchange.json(this.videoObject(job, "queued", 0));
  }

  private retrieve(exchange: FakeExchange, id: string) {
    const job = this.find(exchange, id);
    if (!job) return;
    const snapshot = this.book.poll(id)!;
    if (snapshot.unknownStatus) {
      return exchange.json(this.videoObject(job, snapshot.unknownStatus, 100));
    }
    const progress = Math.round(snapshot.progress * 100);
    if (snapshot.state === "queued")
      return exchange.json(this.videoObject(job, "queued", progress));
    if (snapshot.state === "running") {
      return exchange.json(this.videoObject(job, "in_progress", progress));
    }
    if (snapshot.state === "failed") {
      const error = {
        code: "moderation_blocked",
        message: snapshot.failure ?? "Video generation failed.",
      };
      return exchange.json({ ...this.videoObject(job, "failed", progress), error });
    }
    // Sora has no cancelled state: a job that is gone is answered as deleted (404).
    if (snapshot.state === "cancelled") return notFound(exchange, id);
    exchange.json(this.videoObject(job, "completed", 100));
  }

  private list(exchange: FakeExchange) {
    const data = [...this.book.jobs.values()]
      .filter((job) => this.jobs.has(job.id) && !this.deleted.has(job.id) && !job.cancelled)
      .map((job) => this.videoObject(job, statusWord(this.book, job), 0))
      .reverse();
    exchange.json({
      object: "list",
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: false,
    });
  }

  private remove(exchange: FakeExchange, id: string) {
    const job = this.find(exchange, id);
    if (!job) return;
    const state = this.book.snapshot(job).state;
    if (state === "queued" || state === "running") {
      return invalid(exchange, "Only completed or failed videos can be deleted.", null, null);
    }
    this.deleted.add(id);
    exchange.json({ id, object: "video.deleted", deleted: true });
  }

  private async content(exchange: FakeExchange, id: string) {
    const job = this.find(exchange, id);
    if (!job) return;
    const variant = exchange.request.query.variant ?? "video";
    if (variant !== "video") {
      return invalid(
        exchange,
        `The fake OpenAI server makes only the 'video' variant, not '${String(variant)}'.`,
        "variant",
        "invalid_value",
      );
    }
    const { state } = this.book.snapshot(job);
    if (state !== "succeeded" && state !== "expired") {
      const message = "Video is not ready yet, use GET /v1/videos/{video_id} to check status.";
      return exchange.json(openAIError(message, "invalid_request_error", "video_not_ready"), 404);
    }
    job.linksIssued += 1;
    if (state === "expired" || (job.plan.expireFirstLink && job.linksIssued === 1)) {
      const message = "The video's assets have expired.";
      return exchange.json(openAIError(message, "invalid_request_error", "video_expired"), 404);
    }
    const { fault } = exchange;
    await sendRangedBytes(exchange, this.book.video(job), {
      headers: { "content-type": "video/mp4" },
      bytesPerSecond: job.plan.bytesPerSecond,
      cutAtFraction: fault && "cutBodyAtFraction" in fault ? fault.cutBodyAtFraction : undefined,
      corrupt: fault !== undefined && "corruptBody" in fault,
    });
  }

  private async remix(exchange: FakeExchange, id: string) {
    const source = this.find(exchange, id);
    if (!source) return;
    const prompt = (await requestFields(exchange)).field("prompt");
    if (!hasPrompt(exchange, prompt)) return;
    if (this.book.snapshot(source).state !== "succeeded") {
      return invalid(exchange, "Only completed videos can be remixed.", null, null);
    }
    const sora = this.jobs.get(id)!;
    const job = this.book.create({ ...source.request, prompt, image: false }, newVideoId());
    this.jobs.set(job.id, { ...sora, createdAt: now(), remixedFrom: id, completedAt: undefined });
    exchange.json(this.videoObject(job, "queued", 0));
  }

  private find(exchange: FakeExchange, id: string): FakeVideoJob | undefined {
    const job = this.book.jobs.get(id);
    if (job && this.jobs.has(id) && !this.deleted.has(id)) return job;
    notFound(exchange, id);
    return undefined;
  }

  private expired(job: FakeVideoJob): boolean {
    return this.book.snapshot(job).state === "expired";
  }

  /** OpenAI's Video object. A finished job gets `completed_at` and `expires_at`. */
  private videoObject(job: FakeVideoJob, status: string, progress: number) {
    const sora = this.jobs.get(job.id)!;
    const done = status === "completed" || status === "failed";
    if (done && sora.completedAt === undefined) sora.completedAt = now();
    const expired = this.expired(job);
    return {
      id: job.id,
      object: "video",
      model: sora.model,
      status,
      progress,
      created_at: sora.createdAt,
      completed_at: done ? sora.completedAt! : null,
      // An expired job's files went an hour after it finished, which is before now.
      expires_at:
        status === "completed" ? (expired ? now() - 60 : sora.completedAt! + keptSeconds) : null,
      prompt: job.request.prompt,
      remixed_from_video_id: sora.remixedFrom,
      seconds: sora.seconds,
      size: sora.size,
      error: null,
    };
  }
}

/** The status word a job shows in a list, without moving it on. */
function statusWord(book: VideoJobBook, job: FakeVideoJob): string {
  const { state } = book.snapshot(job);
  if (state === "running") return "in_progress";
  if (state === "succeeded" || state === "expired") return "completed";
  return state;
}

function invalid(
  exchange: FakeExchange,
  message: string,
  param: string | null,
  code: string | null = "invalid_value",
): void {
  exchange.json(openAIError(message, "invalid_request_error", code, param), 400);
}

function notFound(exchange: FakeExchange, id: string): void {
  const message = `Video with id '${id}' not found.`;
  exchange.json(openAIError(message, "invalid_request_error", null), 404);
}

/** The request's fields, from a multipart body as the client sends it, or from JSON. */
async function requestFields(exchange: FakeExchange) {
  const parts = await parseMultipart(exchange.request);
  const json = (exchange.request.body ?? {}) as Record<string, unknown>;
  const field = (name: string): unknown =>
    parts.length > 0 ? multipartField(parts, name) : json[name];
  return { parts, field };
}

/** True for a prompt; else the API's 400 has been sent. */
function hasPrompt(exchange: FakeExchange, prompt: unknown): prompt is string {
  if (typeof prompt === "string" && prompt !== "") return true;
  invalid(
    exchange,
    "Missing required parameter: 'prompt'.",
    "prompt",
    "missing_required_parameter",
  );
  return false;
}

/** True for one of the values the API takes; else its 400 listing them has been sent. */
function isOneOf(
  exchange: FakeExchange,
  param: string,
  value: unknown,
  allowed: string[],
): value is string {
  if (typeof value === "string" && allowed.includes(value)) return true;
  const quoted = allowed.map((known) => `'${known}'`).join(", ");
  invalid(exchange, `Invalid value: '${String(value)}'. Supported values are: ${quoted}.`, param);
  return false;
}

function newVideoId(): string {
  return `video_${randomBytes(16).toString("hex")}`;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
