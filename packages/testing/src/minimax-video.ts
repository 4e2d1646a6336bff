/**
 * Hailuo video routes (API v1) for the fake MiniMax: `POST /v1/video_generation`,
 * `GET /v1/query/video_generation` (Preparing → Queueing → Processing → Success / Fail) and
 * the video files on `GET /v1/files/retrieve`, each call handing out a fresh `download_url`.
 * Business errors come as HTTP 200 with `base_resp`, as on the real service.
 */
import type { FakeExchange } from "./fake-exchange.js";
import { miniMaxEnvelope, miniMaxErrors } from "./fake-minimax-errors.js";
import { dataUrlBytes, imageSize, smallVideoSize } from "./video-fake-size.js";
import type { FakeVideoSnapshot, VideoJobBook } from "./video-job-book.js";

interface HailuoBody {
  model?: string;
  prompt?: string;
  duration?: number;
  resolution?: string;
  first_frame_image?: string;
}

const models = new Set([
  "MiniMax-Hailuo-2.3",
  "MiniMax-Hailuo-2.3-Fast",
  "MiniMax-Hailuo-02",
  "T2V-01",
  "T2V-01-Director",
  "I2V-01",
  "I2V-01-Director",
  "I2V-01-live",
]);
const resolutions = new Set(["512P", "720P", "768P", "1080P"]);
const ok = { status_code: 0, status_msg: "success" };

function invalid(exchange: FakeExchange, detail: string) {
  const [code, message] = miniMaxErrors["invalid-params"];
  exchange.json(miniMaxEnvelope(code, `${message}, ${detail}`));
}

/**
 * The neutral state's MiniMax spelling; v1 has no cancelled or expired, so those read Fail. A
 * failed job is a moderation refusal, which MiniMax reports as a 1027 code with the Fail.
 */
function spelling(snapshot: FakeVideoSnapshot, polls: number): string {
  if (snapshot.unknownStatus) return snapshot.unknownStatus;
  if (snapshot.state === "queued") return polls <= 1 ? "Preparing" : "Queueing";
  if (snapshot.state === "running") return "Processing";
  return snapshot.state === "succeeded" ? "Success" : "Fail";
}

/** The Hailuo routes over `book`; the answer function returns false for other routes. */
export function hailuoVideoRoutes(book: VideoJobBook) {
  let nextTaskId = 106_916_112_212_032;
  let nextFileId = 176_844_028_768_320;
  const fileOfJob = new Map<string, string>();
  const jobOfFile = new Map<string, string>();

  function create(exchange: FakeExchange) {
    const body = exchange.request.body as HailuoBody;
    if (!body?.model || !models.has(body.model)) {
      return invalid(exchange, `unknown model ${body?.model}`);
    }
    const prompt = body.prompt ?? "";
    if (prompt.length > 2000) return invalid(exchange, "prompt too long");
    const hailuo = body.model.startsWith("MiniMax-Hailuo");
    const duration = body.duration ?? 6;
    if (!(hailuo ? [6, 10] : [6]).includes(duration)) return invalid(exchange, "duration");
    const resolution = body.resolution ?? (hailuo ? "768P" : "720P");
    if (!resolutions.has(resolution)) return invalid(exchange, "resolution");
    if (resolution === "1080P" && duration !== 6) {
      return invalid(exchange, "1080P supports 6s only");
    }
    const frame = dataUrlBytes(body.first_frame_image);
    const imageOnly = body.model.endsWith("-Fast") || body.model.startsWith("I2V");
    if (imageOnly && !body.first_frame_image) {
      return invalid(exchange, `first_frame_image is required for ${body.model}`);
    }
    const shape = frame ? imageSize(frame) : undefined;
    if (shape && Math.min(shape.width, shape.height) <= 300) {
      return invalid(exchange, "first_frame_image short side must be over 300px");
    }
    const id = String(nextTaskId++);
    book.create(
      {
        prompt,
        seconds: duration,
        ...smallVideoSize(shape?.width ?? 16, shape?.height ?? 9),
        image: body.first_frame_image !== undefined,
        model: body.model,
      },
      id,
    );
    exchange.json({ task_id: id, base_resp: ok });
  }

  function query(exchange: FakeExchange) {
    const id = String(exchange.request.query.task_id ?? "");
    const snapshot = book.poll(id);
    const job = book.jobs.get(id);
    if (!snapshot || !job) return invalid(exchange, `task_id ${id} not found`);
    const status = spelling(snapshot, job.polls);
    if (snapshot.state === "failed" && !snapshot.unknownStatus) {
      const [code, message] = miniMaxErrors["sensitive-output"];
      return exchange.json({ task_id: id, status, ...miniMaxEnvelope(code, message) });
    }
    if (status !== "Success") return exchange.json({ task_id: id, status, base_resp: ok });
    let fileId = fileOfJob.get(id);
    if (!fileId) {
      fileId = String(nextFileId++);
      fileOfJob.set(id, fileId);
      jobOfFile.set(fileId, id);
    }
    exchange.json({
      task_id: id,
      status,
      file_id: fileId,
      video_width: job.request.width,
      video_height: job.request.height,
      base_resp: ok,
    });
  }

  function retrieve(exchange: FakeExchange, resultOrigin: string): boolean {
    const fileId = String(exchange.request.query.file_id ?? "");
    const job = book.jobs.get(jobOfFile.get(fileId) ?? "");
    if (!job) return false;
    exchange.json({
      file: {
        file_id: fileId,
        bytes: book.video(job).length,
        created_at: Math.floor(Date.now() / 1000),
        filename: "output_aigc.mp4",
        purpose: "video_generation",
        download_url: book.resultUrl(job, resultOrigin),
      },
      base_resp: ok,
    });
    return true;
  }

  return (exchange: FakeExchange, resultOrigin: string): boolean => {
    const { method, path } = exchange.request;
    if (method === "POST" && path === "/v1/video_generation") {
      create(exchange);
      return true;
    }
    if (method === "GET" && path === "/v1/query/video_generation") {
      query(exchange);
      return true;
    }
    if (method === "GET" && path === "/v1/files/retrieve") return retrieve(exchange, resultOrigin);
    return false;
  };
}
