/**
 * MiniMax H3 video routes (API v2) for the fake MiniMax: `POST /v2/video_generation`,
 * `GET /v2/query/video_generation/{id}` (queued → running → succeeded / failed / cancelled, a
 * fresh `content.url` on every query) and `DELETE /v2/video_generation/{id}`. Unlike v1, errors
 * carry real HTTP statuses and `{type:"error", error:{type, message, http_code}, request_id}`.
 */
import { randomUUID } from "node:crypto";
import type { FakeExchange } from "./fake-exchange.js";
import {
  dataUrlBytes,
  imageSize,
  smallVideoSize,
  smallVideoSizeOfRatio,
} from "./video-fake-size.js";
import type { FakeVideoSnapshot, VideoJobBook } from "./video-job-book.js";

interface H3Body {
  model?: string;
  content?: { type?: string; text?: string; image_url?: { url?: string }; role?: string }[];
  resolution?: string;
  duration?: number;
  ratio?: string;
}

const models: Record<string, { resolutions: string[]; shortest: number }> = {
  "MiniMax-H3": { resolutions: ["768P", "2K"], shortest: 4 },
  "MiniMax-H3-Max": { resolutions: ["480P", "768P"], shortest: 5 },
};
const ratios = new Set(["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"]);
const errorTypes: Record<number, string> = {
  400: "bad_request_error",
  401: "authorized_error",
  422: "unprocessable_entity_error",
};

function fail(exchange: FakeExchange, status: number, message: string) {
  exchange.json(
    {
      type: "error",
      error: { type: errorTypes[status] ?? "server_error", message, http_code: String(status) },
      request_id: randomUUID().replaceAll("-", ""),
    },
    status,
  );
}

function spelling(snapshot: FakeVideoSnapshot): string {
  return snapshot.unknownStatus ?? snapshot.state;
}

/** The H3 routes over `book`; the answer function returns false for paths outside `/v2/`. */
export function h3VideoRoutes(book: VideoJobBook, apiKey: string) {
  let nextTaskId = 424_010_985_738_629;

  function create(exchange: FakeExchange) {
    const body = exchange.request.body as H3Body;
    const model = models[body?.model ?? ""];
    if (!model) return fail(exchange, 400, `invalid model ${body?.model} (2013)`);
    const texts = (body.content ?? []).filter((item) => item.type === "text" && item.text);
    if (texts.length !== 1)
      return fail(exchange, 400, "content needs exactly one text item (2013)");
    if (!body.resolution || !model.resolutions.includes(body.resolution)) {
      return fail(exchange, 400, `invalid resolution ${body.resolution} (2013)`);
    }
    const duration = body.duration;
    if (!Number.isInteger(duration) || duration! < model.shortest || duration! > 15) {
      return fail(exchange, 400, `invalid duration ${duration} (2013)`);
    }
    const frame = body.content?.find((item) => item.type === "image_url");
    const bytes = dataUrlBytes(frame?.image_url?.url);
    let size: { width: number; height: number };
    if (frame) {
      const shape = bytes ? imageSize(bytes) : undefined;
      size = smallVideoSize(shape?.width ?? 16, shape?.height ?? 9);
    } else {
      if (!body.ratio || !ratios.has(body.ratio)) {
        return fail(exchange, 400, "a text-only request needs a ratio such as 16:9 (2013)");
      }
      size = smallVideoSizeOfRatio(body.ratio);
    }
    const id = String(nextTaskId++);
    book.create(
      { prompt: texts[0]!.text!, seconds: duration, ...size, image: !!frame, model: body.model },
      id,
    );
    exchange.json({ task_id: id });
  }

  function query(exchange: FakeExchange, id: string, resultOrigin: string) {
    const snapshot = book.poll(id);
    const job = book.jobs.get(id);
    if (!snapshot || !job) return fail(exchange, 400, "invalid task_id (2013)");
    const task: Record<string, unknown> = {
      id,
      model: job.request.model,
      status: spelling(snapshot),
      created_at: Math.floor(Date.now() / 1000),
      duration: job.request.seconds,
      task_type: "generation",
      modality: "video",
    };
    if (snapshot.state === "succeeded") task.content = { url: book.resultUrl(job, resultOrigin) };
    if (snapshot.state === "failed" && !snapshot.unknownStatus) {
      Object.assign(task, { error: { code: "1026", message: snapshot.failure }, usage: {} });
    }
    exchange.json({ task });
  }

  function remove(exchange: FakeExchange, id: string) {
    const job = book.jobs.get(id);
    if (!job) return fail(exchange, 400, "invalid task_id (2013)");
    const state = book.snapshot(job).state;
    if (state === "queued" && book.cancel(id)) {
      return exchange.json({ task_id: id, action: "cancelled", status: "cancelled" });
    }
    if (state === "succeeded" || state === "failed") {
      return exchange.json({ task_id: id, action: "deleted", status: state });
    }
    fail(exchange, 400, `a ${state} task cannot be cancelled or deleted (2013)`);
  }

  return (exchange: FakeExchange, resultOrigin: string): boolean => {
    const { method, path, headers } = exchange.request;
    if (!path.startsWith("/v2/")) return false;
    if (headers.authorization !== `Bearer ${apiKey}`) {
      fail(exchange, 401, "invalid api key (2049)");
      return true;
    }
    const task = /^\/v2\/(?:query\/)?video_generation\/([^/]+)$/.exec(path);
    const id = task ? decodeURIComponent(task[1]!) : "";
    if (method === "POST" && path === "/v2/video_generation") create(exchange);
    else if (method === "GET" && path.startsWith("/v2/query/") && task) {
      query(exchange, id, resultOrigin);
    } else if (method === "DELETE" && task && !path.startsWith("/v2/query/")) remove(exchange, id);
    else fail(exchange, 400, `no route ${method} ${path}`);
    return true;
  };
}
