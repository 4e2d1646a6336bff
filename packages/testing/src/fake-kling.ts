/**
 * A fake Kling video API: `POST /v1/videos/text2video` and `/image2video` create tasks,
 * `GET /v1/videos/<family>/<task_id>` reports them (`submitted`, `processing`, `succeed`,
 * `failed`) and only on the family that made them. Every answer is Kling's envelope
 * `{code, message, request_id, data}`; the token is verified like the service (signature,
 * issuer, nbf/exp), else 401 with codes 1000-1004. Requests are checked as Kling documents
 * them: `duration` a string "5" or "10", the ratio one of 16:9, 9:16, 1:1, the image raw base64
 * (no `data:` prefix) JPG or PNG of 300 px a side or more, a repeated `external_task_id` refused.
 * Videos come from a second "storage" origin, one link per video (asking again gives the same
 * link, so an expired one stays expired: Kling documents no renewal). Jobs live in {@link VideoJobBook}: plan outcomes
 * `cancelled` (Kling has no such state) answer `failed`, and `expired` a 404 with code 1203.
 */
import { randomInt, randomUUID } from "node:crypto";
import { imageSize } from "@path/core";
import type { FakeExchange } from "./fake-exchange.js";
import { checkKlingToken } from "./fake-kling-auth.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import { smallVideoSize, smallVideoSizeOfRatio } from "./video-fake-size.js";
import { type FakeVideoJob, VideoJobBook } from "./video-job-book.js";

export interface FakeKlingOptions {
  accessKey?: string;
  secretKey?: string;
}

export interface FakeKling {
  /** What to set as KLING_BASE_URL (the origin; routes start with `/v1`). */
  readonly url: string;
  readonly api: FakeServer;
  /** Serves the result videos; its requests are the downloads. */
  readonly storage: FakeServer;
  readonly book: VideoJobBook;
  readonly accessKey: string;
  readonly secretKey: string;
  close(): Promise<void>;
}

type Family = "text2video" | "image2video";

/** The model names each family takes, from Kling's API docs (kling-v2-1 is image-to-video only). */
const familyModels: Record<Family, readonly string[]> = {
  text2video: [
    "kling-v1",
    "kling-v1-6",
    "kling-v2-master",
    "kling-v2-1-master",
    "kling-v2-5-turbo",
    "kling-v2-6",
    "kling-v3",
  ],
  image2video: [
    "kling-v1",
    "kling-v1-5",
    "kling-v1-6",
    "kling-v2-master",
    "kling-v2-1",
    "kling-v2-1-master",
    "kling-v2-5-turbo",
    "kling-v2-6",
    "kling-v3",
  ],
};

const ratios = ["16:9", "9:16", "1:1"];

interface KlingTaskRecord {
  family: Family;
  externalTaskId?: string;
  createdAt: number;
  updatedAt: number;
  /** Kling hands out one link per video, the same on every query. */
  url?: string;
}

interface CreateBody {
  model_name?: unknown;
  prompt?: unknown;
  mode?: unknown;
  duration?: unknown;
  aspect_ratio?: unknown;
  image?: unknown;
  external_task_id?: unknown;
}

function envelope(code: number, message: string, data?: unknown) {
  return { code, message, request_id: randomUUID(), ...(data === undefined ? {} : { data }) };
}

export async function startFakeKling(options: FakeKlingOptions = {}): Promise<FakeKling> {
  const keys = {
    accessKey: options.accessKey ?? "ak-kling-test",
    secretKey: options.secretKey ?? "sk-kling-test",
  };
  const book = new VideoJobBook();
  const tasks = new Map<string, KlingTaskRecord>();
  const externalIds = new Set<string>();

  const storage = await startFakeServer(async (exchange) => {
    if (await book.serveResult(exchange)) return;
    exchange.response.writeHead(404, { "content-type": "application/xml" }).end("<Error/>");
  });

  function refuse(exchange: FakeExchange, status: number, code: number, message: string) {
    exchange.json(envelope(code, message), status);
  }

  /** The picture's size, or a refusal worded as Kling words a bad parameter. */
  function readImage(value: unknown): { width: number; height: number } | string {
    if (typeof value !== "string" || !value) return "image is required";
    if (/^https?:\/\//.test(value)) return { width: 640, height: 360 };
    if (value.startsWith("data:")) {
      return "image: Base64 must not carry a data: prefix (send the raw Base64 string)";
    }
    const bytes = Buffer.from(value, "base64");
    const isPng = bytes[0] === 0x89 && bytes.toString("latin1", 1, 4) === "PNG";
    const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    const size = (isPng || isJpeg) && imageSize(bytes);
    if (!size) return "image: only .jpg, .jpeg and .png are supported";
    if (bytes.length > 10 * 1024 * 1024) return "image must not exceed 10MB";
    if (Math.min(size.width, size.height) < 300)
      return "image width and height must be at least 300px";
    const ratio = size.width / size.height;
    if (ratio < 1 / 2.5 || ratio > 2.5) return "image aspect ratio must be between 1:2.5 and 2.5:1";
    return size;
  }

  function create(exchange: FakeExchange, family: Family) {
    const body = exchange.request.body as CreateBody | undefined;
    if (!body || typeof body !== "object") {
      return refuse(exchange, 400, 1200, "request body must be JSON");
    }
    const bad = (message: string) => refuse(exchange, 400, 1201, message);
    const model = body.model_name ?? "kling-v1";
    if (typeof model !== "string" || !familyModels[family].includes(model)) {
      return bad(`model_name is invalid for ${family}: ${String(model)}`);
    }
    const prompt = body.prompt ?? "";
    if (typeof prompt !== "string") return bad("prompt must be a string");
    if (family === "text2video" && !prompt.trim()) return bad("prompt is required");
    if ([...prompt].length > 2500) return bad("prompt must not exceed 2500 characters");
    if (body.mode !== undefined && body.mode !== "std" && body.mode !== "pro") {
      return bad("mode must be std or pro");
    }
    if (body.duration !== undefined && body.duration !== "5" && body.duration !== "10") {
      return bad('duration must be the string "5" or "10"');
    }
    let size = smallVideoSizeOfRatio("16:9");
    if (family === "text2video") {
      const ratio = body.aspect_ratio ?? "16:9";
      if (typeof ratio !== "string" || !ratios.includes(ratio)) {
        return bad("aspect_ratio must be one of 16:9, 9:16, 1:1");
      }
      size = smallVideoSizeOfRatio(ratio);
    } else {
      const image = readImage(body.image);
      if (typeof image === "string") return bad(image);
      size = smallVideoSize(image.width, image.height);
    }
    const external = body.external_task_id;
    if (external !== undefined) {
      if (typeof external !== "string") return bad("external_task_id must be a string");
      if (externalIds.has(external)) return bad(`external_task_id already exists: ${external}`);
      externalIds.add(external);
    }
    const taskId = `${Date.now()}${randomInt(100_000, 999_999)}`;
    book.create(
      {
        prompt,
        seconds: Number(body.duration ?? "5"),
        ...size,
        image: family === "image2video",
        model,
      },
      taskId,
    );
    const now = Date.now();
    tasks.set(taskId, {
      family,
      externalTaskId: external as string | undefined,
      createdAt: now,
      updatedAt: now,
    });
    exchange.json(
      envelope(0, "SUCCEED", {
        task_id: taskId,
        task_status: "submitted",
        task_info: external === undefined ? {} : { external_task_id: external },
        created_at: now,
        updated_at: now,
      }),
    );
  }

  function query(exchange: FakeExchange, family: Family, taskId: string) {
    const task = tasks.get(taskId);
    const snapshot = task?.family === family ? book.poll(taskId) : undefined;
    if (!task || !snapshot || snapshot.state === "expired") {
      return refuse(exchange, 404, 1203, `task not found: ${taskId}`);
    }
    const job = book.jobs.get(taskId) as FakeVideoJob;
    const spelling = {
      queued: "submitted",
      running: "processing",
      succeeded: "succeed",
      failed: "failed",
      cancelled: "failed",
    }[snapshot.state];
    if (snapshot.state !== "queued") task.updatedAt = Date.now();
    // Kling hands out one link per video: the first status that finds it done fixes it.
    if (snapshot.state === "succeeded") task.url ??= book.resultUrl(job, storage.origin);
    const failure =
      snapshot.state === "cancelled" ? "The task was cancelled." : (snapshot.failure ?? "");
    exchange.json(
      envelope(0, "SUCCEED", {
        task_id: taskId,
        task_status: snapshot.unknownStatus ?? spelling,
        task_status_msg: snapshot.unknownStatus ? "" : failure,
        task_info: task.externalTaskId ? { external_task_id: task.externalTaskId } : {},
        ...(snapshot.state === "succeeded"
          ? {
              task_result: {
                videos: [
                  {
                    id: randomUUID(),
                    url: task.url,
                    duration: String(job.request.seconds ?? 5),
                  },
                ],
              },
            }
          : {}),
        created_at: task.createdAt,
        updated_at: task.updatedAt,
      }),
    );
  }

  const api = await startFakeServer(
    (exchange) => {
      const { method, path, headers } = exchange.request;
      const denied = checkKlingToken(headers.authorization, keys);
      if (denied) return refuse(exchange, 401, denied.code, denied.message);
      const route = /^\/v1\/videos\/(text2video|image2video)(?:\/([^/]+))?$/.exec(path);
      const family = route?.[1] as Family | undefined;
      if (family && method === "POST" && !route?.[2]) return create(exchange, family);
      if (family && method === "GET" && route?.[2]) {
        return query(exchange, family, decodeURIComponent(route[2]));
      }
      refuse(exchange, 404, 1202, `no such method: ${method} ${path}`);
    },
    {
      errorBody: (status) =>
        status === 429
          ? envelope(1302, "API request is too frequent")
          : status === 401
            ? envelope(1000, "Auth failed")
            : status >= 500
              ? envelope(5000, "internal error")
              : envelope(1200, `status ${status}`),
    },
  );

  return {
    url: api.url,
    api,
    storage,
    book,
    ...keys,
    async close() {
      await Promise.all([api.close(), storage.close()]);
    },
  };
}
