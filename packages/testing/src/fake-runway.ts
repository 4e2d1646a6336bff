/**
 * A fake Runway API: `POST /v1/image_to_video` and `/v1/text_to_video` create tasks,
 * `GET /v1/tasks/{id}` reports them (PENDING or THROTTLED, RUNNING with progress 0..1,
 * SUCCEEDED with `output` links, FAILED with `failure` and `failureCode`, CANCELLED) and
 * `DELETE /v1/tasks/{id}` cancels a running task or deletes a finished one. Like the service
 * it wants `Authorization: Bearer <key>` and `X-Runway-Version: 2024-11-06` on every request
 * (400 without the version), answers errors as `{"error": "…"}`, checks bodies per model
 * (ratio, duration, promptText, a data URI image of at most 5 MB) and hands out result links
 * on a second, CloudFront-like storage origin, fresh ones on every poll.
 */
import type { FakeExchange } from "./fake-exchange.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import { smallVideoSizeOfRatio } from "./video-fake-size.js";
import { VideoJobBook } from "./video-job-book.js";

export interface FakeRunwayOptions {
  /** The key the fake accepts. Default `key_runway_test`. */
  apiKey?: string;
}

export interface FakeRunway {
  /** What to set as RUNWAYML_BASE_URL (the origin; routes start with `/v1`). */
  readonly url: string;
  readonly api: FakeServer;
  /** Serves the result videos; its requests are the downloads. */
  readonly storage: FakeServer;
  readonly book: VideoJobBook;
  /** How a queued task is spelled: `PENDING`, or `THROTTLED` (the account's concurrency is full). */
  queuedStatus: "PENDING" | "THROTTLED";
  close(): Promise<void>;
}

export const fakeRunwayVersion = "2024-11-06";

interface ModelRules {
  ratios: readonly string[];
  textRatios?: readonly string[];
  durations: readonly number[];
  defaultDuration: number;
  durationRequired?: boolean;
  promptRequired?: boolean;
  textToVideo: boolean;
  seed: boolean;
  /** Veo's `audio` switch. */
  audio?: boolean;
  creditsPerSecond: number;
}

const gen4Ratios = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"];
/** Veo 3.1 and its fast variant differ only in price. */
const veoRules = {
  ratios: ["1280:720", "720:1280", "1080:1920", "1920:1080"],
  durations: [4, 6, 8],
  defaultDuration: 8,
  textToVideo: true,
  seed: false,
  audio: true,
};
const twoToTen = [2, 3, 4, 5, 6, 7, 8, 9, 10];

const models: Record<string, ModelRules> = {
  gen4_turbo: {
    ratios: gen4Ratios,
    durations: twoToTen,
    defaultDuration: 5,
    textToVideo: false,
    seed: true,
    creditsPerSecond: 5,
  },
  "gen4.5": {
    ratios: gen4Ratios,
    textRatios: ["1280:720", "720:1280"],
    durations: twoToTen,
    defaultDuration: 5,
    durationRequired: true,
    promptRequired: true,
    textToVideo: true,
    seed: true,
    creditsPerSecond: 12,
  },
  "veo3.1": { ...veoRules, creditsPerSecond: 20 },
  "veo3.1_fast": { ...veoRules, creditsPerSecond: 10 },
};

const dataUriLimit = 5_000_000;
const dataUriPattern = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+=*)$/;

function isImage(bytes: Buffer): boolean {
  return (
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
    bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) ||
    (bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP")
  );
}

interface CreateBody {
  model?: unknown;
  promptImage?: unknown;
  promptText?: unknown;
  ratio?: unknown;
  duration?: unknown;
  seed?: unknown;
  audio?: unknown;
}

export async function startFakeRunway(options: FakeRunwayOptions = {}): Promise<FakeRunway> {
  const apiKey = options.apiKey ?? "key_runway_test";
  const book = new VideoJobBook();
  const createdAt = new Map<string, string>();
  const deleted = new Set<string>();

  const storage = await startFakeServer(async (exchange) => {
    if (await book.serveResult(exchange)) return;
    exchange.response.writeHead(404, { "content-type": "application/xml" });
    exchange.response.end("<Error><Code>NoSuchKey</Code></Error>");
  });

  const fail = (exchange: FakeExchange, status: number, error: string) =>
    exchange.json({ error }, status);

  /** The validation Runway does before a task exists; a message means 400. */
  function problem(body: CreateBody, toVideo: "image" | "text"): string | undefined {
    const rules = typeof body.model === "string" ? models[body.model] : undefined;
    if (!rules) return `Invalid model: ${JSON.stringify(body.model)}.`;
    if (toVideo === "text" && !rules.textToVideo) {
      return `Model ${String(body.model)} does not support text_to_video; use image_to_video.`;
    }
    if (toVideo === "image") {
      if (typeof body.promptImage !== "string") return "promptImage is required.";
      if (body.promptImage.startsWith("data:")) {
        if (body.promptImage.length > dataUriLimit) return "Data URI exceeds the 5MB limit.";
        const match = dataUriPattern.exec(body.promptImage);
        if (!match || !isImage(Buffer.from(match[2]!, "base64"))) {
          return "Invalid asset: promptImage is not a valid image data URI.";
        }
      } else if (!body.promptImage.startsWith("https://")) {
        return "promptImage must be an HTTPS URL or a data URI.";
      }
    }
    if (body.promptText !== undefined) {
      if (typeof body.promptText !== "string" || body.promptText.length === 0) {
        return "promptText must be a non-empty string.";
      }
      if (body.promptText.length > 1000) return "promptText must be at most 1000 characters.";
    } else if (rules.promptRequired || toVideo === "text") return "promptText is required.";
    const ratios = toVideo === "text" && rules.textRatios ? rules.textRatios : rules.ratios;
    if (typeof body.ratio !== "string" || !ratios.includes(body.ratio)) {
      return `Invalid ratio: expected one of ${ratios.join(", ")}.`;
    }
    if (body.duration === undefined) {
      if (rules.durationRequired) return "duration is required.";
    } else if (typeof body.duration !== "number" || !rules.durations.includes(body.duration)) {
      return `Invalid duration: expected one of ${rules.durations.join(", ")}.`;
    }
    if (body.seed !== undefined) {
      if (!rules.seed) return `Unrecognized key: "seed" for model ${String(body.model)}.`;
      if (
        !Number.isInteger(body.seed) ||
        (body.seed as number) < 0 ||
        (body.seed as number) > 4294967295
      ) {
        return "seed must be an integer from 0 to 4294967295.";
      }
    }
    if (body.audio !== undefined) {
      if (!rules.audio) return `Unrecognized key: "audio" for model ${String(body.model)}.`;
      if (typeof body.audio !== "boolean") return "audio must be a boolean.";
    }
    return undefined;
  }

  function create(exchange: FakeExchange, toVideo: "image" | "text") {
    const body = (exchange.request.body ?? {}) as CreateBody;
    const wrong = problem(body, toVideo);
    if (wrong) return fail(exchange, 400, wrong);
    const rules = models[body.model as string]!;
    const seconds = (body.duration as number | undefined) ?? rules.defaultDuration;
    const job = book.create({
      prompt: (body.promptText as string | undefined) ?? "",
      seconds,
      ...smallVideoSizeOfRatio(body.ratio as string),
      image: toVideo === "image",
      model: body.model as string,
    });
    createdAt.set(job.id, new Date().toISOString());
    exchange.json({ id: job.id, estimatedCost: { credits: rules.creditsPerSecond * seconds } });
  }

  function task(exchange: FakeExchange, id: string) {
    const snapshot = deleted.has(id) ? undefined : book.poll(id);
    if (!snapshot) return fail(exchange, 404, "Task not found.");
    const job = book.jobs.get(id)!;
    const base = { id, createdAt: createdAt.get(id) };
    if (snapshot.unknownStatus) return exchange.json({ ...base, status: snapshot.unknownStatus });
    switch (snapshot.state) {
      case "queued":
        return exchange.json({ ...base, status: fake.queuedStatus });
      case "running":
        return exchange.json({ ...base, status: "RUNNING", progress: snapshot.progress });
      case "succeeded":
        return exchange.json({
          ...base,
          status: "SUCCEEDED",
          output: [book.resultUrl(job, storage.origin)],
        });
      case "failed":
        return exchange.json({
          ...base,
          status: "FAILED",
          failure: snapshot.failure,
          failureCode: "SAFETY.INPUT.TEXT",
        });
      case "cancelled":
        return exchange.json({ ...base, status: "CANCELLED" });
      case "expired":
        // Runway has no expired state: a task it no longer keeps is simply not found.
        return fail(exchange, 404, "Task not found.");
    }
  }

  function remove(exchange: FakeExchange, id: string) {
    const job = book.jobs.get(id);
    if (!job || deleted.has(id)) return fail(exchange, 404, "Task not found.");
    if (!book.cancel(id)) deleted.add(id);
    exchange.response.writeHead(204).end();
  }

  const api = await startFakeServer(
    (exchange) => {
      const { method, path, headers } = exchange.request;
      if (headers.authorization !== `Bearer ${apiKey}`) {
        return fail(exchange, 401, "Incorrect API key provided, or the key was disabled.");
      }
      const version = headers["x-runway-version"];
      if (!version) return fail(exchange, 400, "The X-Runway-Version header is required.");
      if (version !== fakeRunwayVersion) {
        return fail(exchange, 400, `Unsupported X-Runway-Version: ${String(version)}.`);
      }
      if (method === "POST" && path === "/v1/image_to_video") return create(exchange, "image");
      if (method === "POST" && path === "/v1/text_to_video") return create(exchange, "text");
      const taskMatch = /^\/v1\/tasks\/([^/]+)$/.exec(path);
      const id = taskMatch ? decodeURIComponent(taskMatch[1]!) : undefined;
      if (id && method === "GET") return task(exchange, id);
      if (id && method === "DELETE") return remove(exchange, id);
      fail(exchange, 404, `Cannot ${method} ${path}`);
    },
    {
      errorBody: (status) => ({ error: status === 429 ? "Too many requests." : `HTTP ${status}` }),
    },
  );

  const fake: FakeRunway = {
    url: api.origin,
    api,
    storage,
    book,
    queuedStatus: "PENDING",
    close: async () => {
      await Promise.all([api.close(), storage.close()]);
    },
  };
  return fake;
}
