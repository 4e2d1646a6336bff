/**
 * The job side every fake video service shares: jobs that move from queued through running
 * (with progress) to an outcome over a number of status polls, a valid MP4 of the asked length
 * and size as the result, result links that expire, and a count of jobs created — the number
 * the never-pay-twice tests assert on. Each vendor fake maps these neutral states to its own
 * spelling and envelope.
 */
import { randomUUID } from "node:crypto";
import type { FakeExchange } from "./fake-exchange.js";
import { fakeMp4 } from "./fake-mp4.js";
import { sendRangedBytes } from "./ranged-bytes.js";

/** How a fake video job ends. `{ status }` answers a spelling no adapter knows. */
export type FakeVideoOutcome =
  | "succeeded"
  | "failed"
  | "cancelled"
  | "expired"
  | { unknownStatus: string };

/** How the next created job behaves. */
export interface FakeVideoPlan {
  /** Status polls answered `queued` before it runs. Default 1. */
  queuedPolls?: number;
  /** Status polls answered `running` (progress rising) before the outcome. Default 2. */
  runningPolls?: number;
  /** Default `succeeded`. */
  outcome?: FakeVideoOutcome;
  /** The first result link answers 403 as an expired signed link does; later links work. */
  expireFirstLink?: boolean;
  /** Slow the result download to about this rate, so a test can kill a process mid-download. */
  bytesPerSecond?: number;
  /** Result length and size, when the request does not say (or the vendor ignores it). */
  seconds?: number;
  width?: number;
  height?: number;
}

/** What the fake recorded from a create request, in neutral terms. */
export interface FakeVideoRequest {
  prompt: string;
  seconds?: number;
  width?: number;
  height?: number;
  /** True when an input image came with it. */
  image?: boolean;
  /** The vendor's model name as sent. */
  model?: string;
}

export type FakeVideoState =
  | "queued"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "expired";

export interface FakeVideoJob {
  readonly id: string;
  readonly request: FakeVideoRequest;
  readonly plan: FakeVideoPlan;
  /** Status polls answered so far. */
  polls: number;
  /** Set by {@link VideoJobBook.cancel}. */
  cancelled?: boolean;
  /** Links handed out so far; the first is refused when the plan says it expired. */
  linksIssued: number;
}

/** Where a job stands after a poll, in neutral terms. */
export interface FakeVideoSnapshot {
  state: FakeVideoState;
  /** 0..1. */
  progress: number;
  /** Set when the plan ends in a spelling the adapter should not know. */
  unknownStatus?: string;
  /** The vendor's failure text, for failed jobs. */
  failure?: string;
}

const defaultSize = { width: 64, height: 36 };

export class VideoJobBook {
  readonly jobs = new Map<string, FakeVideoJob>();
  private readonly plans: FakeVideoPlan[] = [];
  private readonly videos = new Map<string, Buffer>();

  /** Jobs created so far: each one is a paid job on the real service. */
  get created(): number {
    return this.jobs.size;
  }

  /** Queue a plan for the next created job (first in, first out). */
  planNext(plan: FakeVideoPlan): void {
    this.plans.push(plan);
  }

  create(request: FakeVideoRequest, id: string = randomUUID()): FakeVideoJob {
    const job: FakeVideoJob = {
      id,
      request,
      plan: this.plans.shift() ?? {},
      polls: 0,
      linksIssued: 0,
    };
    this.jobs.set(id, job);
    return job;
  }

  /** Answer one status poll: the job moves one step on. */
  poll(id: string): FakeVideoSnapshot | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    job.polls += 1;
    return this.snapshot(job);
  }

  /** Where the job stands without moving it. */
  snapshot(job: FakeVideoJob): FakeVideoSnapshot {
    if (job.cancelled) return { state: "cancelled", progress: 0 };
    const queued = job.plan.queuedPolls ?? 1;
    const running = job.plan.runningPolls ?? 2;
    if (job.polls <= queued) return { state: "queued", progress: 0 };
    if (job.polls <= queued + running) {
      return { state: "running", progress: (job.polls - queued) / (running + 1) };
    }
    const outcome = job.plan.outcome ?? "succeeded";
    if (typeof outcome === "object") {
      return { state: "failed", progress: 1, unknownStatus: outcome.unknownStatus };
    }
    if (outcome === "failed") {
      return { state: "failed", progress: 1, failure: "The prompt was flagged by moderation." };
    }
    return { state: outcome, progress: 1 };
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || this.snapshot(job).state === "succeeded") return false;
    job.cancelled = true;
    return true;
  }

  /** A fresh link to the job's result on `origin`; {@link serveResult} answers it. */
  resultUrl(job: FakeVideoJob, origin: string): string {
    job.linksIssued += 1;
    return `${origin}/results/${encodeURIComponent(job.id)}.mp4?signature=${job.linksIssued}`;
  }

  /** The result MP4: the asked length and size, else the plan's, else 5 s at 64x36. */
  video(job: FakeVideoJob): Buffer {
    let bytes = this.videos.get(job.id);
    if (!bytes) {
      bytes = fakeMp4({
        durationSeconds: job.request.seconds ?? job.plan.seconds ?? 5,
        width: job.request.width ?? job.plan.width ?? defaultSize.width,
        height: job.request.height ?? job.plan.height ?? defaultSize.height,
      });
      this.videos.set(job.id, bytes);
    }
    return bytes;
  }

  /**
   * Answers `GET /results/<id>.mp4?signature=N` like object storage: the bytes with Range
   * support, or a 403 for a link that expired. Returns false for any other path.
   */
  async serveResult(exchange: FakeExchange): Promise<boolean> {
    const match = /^\/results\/([^/]+)\.mp4$/.exec(exchange.request.path);
    if (!match) return false;
    const job = this.jobs.get(decodeURIComponent(match[1]!));
    const signature = Number(exchange.request.query.signature);
    if (!job || this.snapshot(job).state !== "succeeded") {
      exchange.response
        .writeHead(404, { "content-type": "application/xml" })
        .end(storageError("NoSuchKey", "The specified key does not exist."));
      return true;
    }
    if (job.plan.expireFirstLink && signature === 1) {
      exchange.response
        .writeHead(403, { "content-type": "application/xml" })
        .end(storageError("AccessDenied", "Request has expired"));
      return true;
    }
    await sendRangedBytes(exchange, this.video(job), {
      headers: { "content-type": "video/mp4" },
      bytesPerSecond: job.plan.bytesPerSecond,
    });
    return true;
  }
}

function storageError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}
