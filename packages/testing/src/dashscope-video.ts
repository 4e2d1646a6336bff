/**
 * Wan video routes for the fake DashScope: `POST /services/aigc/video-generation/video-synthesis`
 * (async header required, `W*H` sizes for text-to-video, a first frame and a `720P` resolution
 * for image-to-video), `GET /tasks/{id}` (PENDING → RUNNING → SUCCEEDED / FAILED / CANCELED, and
 * UNKNOWN for an id it does not know) and `POST /tasks/{id}/cancel` (PENDING tasks only).
 * Like the service, a task's `video_url` is one link for its 24 hours: asking again does not
 * renew it.
 */
import { randomUUID } from "node:crypto";
import type { FakeExchange } from "./fake-exchange.js";
import { dataUrlBytes, imageSize, smallVideoSize } from "./video-fake-size.js";
import type { FakeVideoJob, FakeVideoSnapshot, VideoJobBook } from "./video-job-book.js";

interface WanBody {
  model?: string;
  input?: { prompt?: string; img_url?: string };
  parameters?: { size?: string; resolution?: string; duration?: number; seed?: number };
}

const createPath = "/api/v1/services/aigc/video-generation/video-synthesis";
const resolutions = new Set(["480P", "720P", "1080P"]);

/** Each job's one result link (jobs are unique objects across books). */
const links = new WeakMap<FakeVideoJob, string>();

function error(exchange: FakeExchange, status: number, code: string, message: string) {
  exchange.json({ request_id: randomUUID(), code, message }, status);
}

/** Answers a Wan video route; false when the request is for another route. */
export function answerWanVideo(
  exchange: FakeExchange,
  book: VideoJobBook,
  resultOrigin: string,
): boolean {
  const { method, path } = exchange.request;
  if (method === "POST" && path === createPath) {
    create(exchange, book);
    return true;
  }
  const task = /^\/api\/v1\/tasks\/([^/]+)(\/cancel)?$/.exec(path);
  if (!task) return false;
  const id = decodeURIComponent(task[1]!);
  if (method === "POST" && task[2]) cancel(exchange, book, id);
  else if (method === "GET" && !task[2]) status(exchange, book, id, resultOrigin);
  else return false;
  return true;
}

function create(exchange: FakeExchange, book: VideoJobBook) {
  if (exchange.request.headers["x-dashscope-async"] !== "enable") {
    return error(
      exchange,
      400,
      "AccessDenied",
      "current user api does not support synchronous calls",
    );
  }
  const body = exchange.request.body as WanBody;
  const prompt = body?.input?.prompt;
  if (!body?.model || !prompt) {
    return error(exchange, 400, "InvalidParameter", "Missing required parameter: model or prompt");
  }
  const parameters = body.parameters ?? {};
  const duration = parameters.duration ?? 5;
  if (!Number.isInteger(duration)) {
    return error(exchange, 400, "InvalidParameter", "The duration must be an integer.");
  }
  let size: { width: number; height: number };
  let image = false;
  if (body.model.includes("i2v")) {
    const frame = dataUrlBytes(body.input?.img_url);
    if (!frame && !/^https?:\/\//.test(body.input?.img_url ?? "")) {
      return error(exchange, 400, "InvalidParameter", "img_url must be a URL or base64 data.");
    }
    const resolution = parameters.resolution ?? "1080P";
    if (!resolutions.has(resolution)) {
      return error(exchange, 400, "InvalidParameter", `The resolution ${resolution} is invalid.`);
    }
    const shape = frame ? imageSize(frame) : undefined;
    size = smallVideoSize(shape?.width ?? 16, shape?.height ?? 9);
    image = true;
  } else {
    const match = /^(\d+)\*(\d+)$/.exec(parameters.size ?? "1920*1080");
    if (!match) {
      return error(
        exchange,
        400,
        "InvalidParameter",
        `The size ${parameters.size} is invalid; write it as width*height, e.g. 1280*720.`,
      );
    }
    size = smallVideoSize(Number(match[1]), Number(match[2]));
  }
  const job = book.create({ prompt, seconds: duration, ...size, image, model: body.model });
  exchange.json({
    request_id: randomUUID(),
    output: { task_id: job.id, task_status: "PENDING" },
  });
}

const spelling: Record<FakeVideoSnapshot["state"], string> = {
  queued: "PENDING",
  running: "RUNNING",
  succeeded: "SUCCEEDED",
  failed: "FAILED",
  cancelled: "CANCELED",
  expired: "UNKNOWN",
};

function status(exchange: FakeExchange, book: VideoJobBook, id: string, resultOrigin: string) {
  const snapshot = book.poll(id);
  const job = book.jobs.get(id);
  if (!snapshot || !job) {
    return exchange.json({
      request_id: randomUUID(),
      output: { task_id: id, task_status: "UNKNOWN" },
    });
  }
  const output: Record<string, unknown> = {
    task_id: id,
    task_status: snapshot.unknownStatus ?? spelling[snapshot.state],
    submit_time: "2026-12-04 21:05:15.212",
  };
  if (snapshot.state === "succeeded") Object.assign(output, succeeded(book, job, resultOrigin));
  if (snapshot.state === "failed" && !snapshot.unknownStatus) {
    Object.assign(output, { code: "DataInspectionFailed", message: snapshot.failure });
  }
  exchange.json({
    request_id: randomUUID(),
    output,
    ...(snapshot.state === "succeeded"
      ? { usage: { video_duration: job.request.seconds, video_count: 1 } }
      : {}),
  });
}

function succeeded(book: VideoJobBook, job: FakeVideoJob, resultOrigin: string) {
  let url = links.get(job);
  if (!url) {
    const expires = Math.floor(Date.now() / 1000) + 86_400;
    url = `${book.resultUrl(job, resultOrigin)}&Expires=${expires}`;
    links.set(job, url);
  }
  return {
    end_time: "2026-12-04 21:07:58.027",
    video_url: url,
    orig_prompt: job.request.prompt,
    actual_prompt: job.request.prompt,
  };
}

function cancel(exchange: FakeExchange, book: VideoJobBook, id: string) {
  const job = book.jobs.get(id);
  if (!job || book.snapshot(job).state !== "queued" || !book.cancel(id)) {
    return error(
      exchange,
      400,
      "UnsupportedOperation",
      "Failed to cancel the task, please confirm if the task is in PENDING status.",
    );
  }
  exchange.json({ request_id: randomUUID() });
}
