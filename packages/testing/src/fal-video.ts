/**
 * fal's Wan 2.2 text-to-video and image-to-video apps on the fake queue: the create body checked
 * as fal validates it (422 `detail` arrays), jobs kept in a {@link VideoJobBook}, status answered
 * in fal's spelling (202 while IN_QUEUE / IN_PROGRESS, 200 once COMPLETED), the result
 * `{video:{url,content_type,file_size}}` or the error fal gives when fetching it.
 */
import type { FakeExchange } from "./fake-exchange.js";
import { smallVideoSizeOfRatio } from "./video-fake-size.js";
import type { FakeVideoJob, FakeVideoRequest, VideoJobBook } from "./video-job-book.js";

/** fal ids served here: `fal-ai/wan/v2.2-a14b/text-to-video`, `…/image-to-video`. */
export const falVideoApp = /(text|image)-to-video/;

const ratios = ["16:9", "9:16", "1:1"];
const resolutions = ["480p", "580p", "720p"];
const framesPerSecond = 16;

interface FieldError {
  loc: string[];
  msg: string;
  type: string;
  input?: unknown;
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}

/** The create body in neutral terms, or fal's validation errors. */
export function parseFalVideo(
  providerId: string,
  body: Record<string, unknown>,
): { request: FakeVideoRequest } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const field = (name: string, msg: string, type: string, input?: unknown) =>
    errors.push({ loc: ["body", name], msg, type, ...(input === undefined ? {} : { input }) });
  const image = /image-to-video/.test(providerId);
  if (typeof body.prompt !== "string" || body.prompt === "") {
    field("prompt", "Field required", "missing");
  }
  if (image) {
    const url = body.image_url;
    if (url === undefined) field("image_url", "Field required", "missing");
    else if (typeof url !== "string" || !/^(data:image\/[\w+.-]+;base64,|https?:\/\/)/.test(url)) {
      field("image_url", "Unsupported data URL", "image_load_error");
    }
  }
  const frames = body.num_frames ?? 81;
  if (typeof frames !== "number" || !Number.isInteger(frames) || frames < 17 || frames > 161) {
    field("num_frames", "Input should be between 17 and 161", "value_error", frames);
  }
  const ratio = body.aspect_ratio ?? (image ? "auto" : "16:9");
  if (typeof ratio !== "string" || !(ratio === "auto" ? image : ratios.includes(ratio))) {
    field("aspect_ratio", `Input should be ${ratios.join(", ")}`, "enum", ratio);
  }
  const resolution = body.resolution ?? "720p";
  if (typeof resolution !== "string" || !resolutions.includes(resolution)) {
    field("resolution", `Input should be ${resolutions.join(", ")}`, "enum", resolution);
  }
  if (errors.length > 0) return { errors };
  const chosen = ratio === "auto" ? ratioOfImage(body.image_url as string) : (ratio as string);
  // 720p is the full small size; lower tiers scale down.
  const { width, height } = smallVideoSizeOfRatio(chosen);
  const scale = Number.parseInt(resolution as string, 10) / 720;
  return {
    request: {
      prompt: body.prompt as string,
      seconds: ((frames as number) - 1) / framesPerSecond,
      width: even(width * scale),
      height: even(height * scale),
      image,
      model: providerId,
    },
  };
}

/** Answers a status poll for a video job: one step along the book's plan. */
export function answerFalVideoStatus(
  exchange: FakeExchange,
  book: VideoJobBook,
  job: FakeVideoJob,
  responseUrl: string,
) {
  const snapshot = book.poll(job.id)!;
  if (snapshot.unknownStatus) {
    return exchange.json({ status: snapshot.unknownStatus, response_url: responseUrl });
  }
  if (snapshot.state === "expired") return exchange.json({ detail: "Request not found" }, 404);
  if (snapshot.state === "queued") {
    const position = Math.max(0, (job.plan.queuedPolls ?? 1) - job.polls);
    return exchange.json(
      { status: "IN_QUEUE", queue_position: position, response_url: responseUrl },
      202,
    );
  }
  if (snapshot.state === "running") {
    const message = `${Math.round(snapshot.progress * 100)}% of the steps done`;
    const logs = [{ timestamp: new Date().toISOString(), level: "INFO", message }];
    return exchange.json({ status: "IN_PROGRESS", logs, response_url: responseUrl }, 202);
  }
  // A run that failed or was cancelled still ends COMPLETED; the result tells why.
  exchange.json({ status: "COMPLETED", logs: [], metrics: { inference_time: 42.5 } });
}

/**
 * Answers the result fetch: the video on the files origin, or fal's error for the run. fal's
 * CDN link does not change between fetches, so `links` keeps the first one handed out.
 */
export function answerFalVideoResult(
  exchange: FakeExchange,
  book: VideoJobBook,
  job: FakeVideoJob,
  filesOrigin: string,
  links: Map<string, string>,
) {
  const snapshot = book.snapshot(job);
  if (snapshot.state === "queued" || snapshot.state === "running") {
    return exchange.json({ detail: "Request is still in progress" }, 400);
  }
  if (snapshot.state === "expired") return exchange.json({ detail: "Request not found" }, 404);
  if (snapshot.state === "cancelled") {
    const type = { "x-fal-error-type": "client_cancelled" };
    return exchange.json(
      { detail: "The request was cancelled by the client.", error_type: "client_cancelled" },
      499,
      type,
    );
  }
  if (snapshot.state === "failed") {
    const msg = snapshot.failure ?? "The run failed.";
    const detail = [{ loc: ["body", "prompt"], msg, type: "content_policy_violation" }];
    return exchange.json({ detail }, 422);
  }
  exchange.json({
    video: {
      url: link(links, job.id, () => book.resultUrl(job, filesOrigin)),
      content_type: "video/mp4",
      file_name: "output.mp4",
      file_size: book.video(job).length,
    },
    prompt: job.request.prompt,
  });
}

function link(links: Map<string, string>, id: string, make: () => string): string {
  const known = links.get(id) ?? make();
  links.set(id, known);
  return known;
}

/** fal's `auto`: the offered ratio nearest the picture's (read from a PNG data URI; else 16:9). */
function ratioOfImage(url: string): string {
  const match = /^data:image\/png;base64,(.+)$/.exec(url);
  const png = match ? Buffer.from(match[1]!, "base64") : undefined;
  if (!png || png.length < 24) return "16:9";
  const value = png.readUInt32BE(16) / png.readUInt32BE(20);
  const distance = (candidate: string) => {
    const [w, h] = candidate.split(":").map(Number);
    return Math.abs(Math.log(w! / h! / value));
  };
  return [...ratios].sort((left, right) => distance(left) - distance(right))[0]!;
}
