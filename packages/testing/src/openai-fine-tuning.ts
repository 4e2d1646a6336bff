/**
 * OpenAI's files and fine-tuning job routes on the fake OpenAI server: upload (multipart, purpose
 * `fine-tune`), list and retrieve files; create, list (with `metadata[k]=v`), retrieve, events
 * (newest first) and cancel jobs. A job moves on one stage each time it is looked at
 * (validating_files → queued → running, `steps` metric events → succeeded), so tests run fast
 * and every status is seen. A training file with a bad line fails the job as OpenAI does.
 * Lists are CursorPages (`after`, `limit`, `has_more`); `dropAnswerOf` is a restart mid-request.
 */
import type { FakeExchange } from "./fake-exchange.js";
import { multipartField, parseMultipart } from "./multipart.js";
import { openAIError } from "./openai-error.js";

const tunable = [
  "gpt-4o-mini-2024-07-18",
  "gpt-4o-2024-08-06",
  "gpt-4.1-2025-04-14",
  "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano-2025-04-14",
];

export interface FakeFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  content: Buffer;
  created_at: number;
}

export interface FakeFineTuningJob {
  id: string;
  model: string;
  trainingFile: string;
  validationFile: string | null;
  suffix: string | null;
  metadata: Record<string, string> | null;
  nEpochs: number | "auto";
  status: "validating_files" | "queued" | "running" | "succeeded" | "failed" | "cancelled";
  step: number;
  events: Array<Record<string, unknown>>;
  error: { code: string; message: string; param: string | null } | null;
  fineTunedModel: string | null;
  createdAt: number;
}

const now = () => Math.floor(Date.now() / 1000);

export class FakeFineTuning {
  readonly files = new Map<string, FakeFile>();
  readonly jobs = new Map<string, FakeFineTuningJob>();
  /** Training steps a job runs before it succeeds (one per look). */
  steps = 3;
  /** Milliseconds the next upload / create waits before answering (for kill trials). */
  uploadDelayMs = 0;
  createDelayMs = 0;
  /** The next created job fails while running, with this error (OpenAI's shape). */
  failNext: { code: string; message: string } | undefined;
  /**
   * A restart in the middle: the next request on this route (`upload` or `create`) is carried
   * out and kept, but the connection drops before the answer is sent.
   */
  dropAnswerOf: "upload" | "create" | undefined;
  private counter = 0;

  async answer(exchange: FakeExchange): Promise<boolean> {
    const { method, path } = exchange.request;
    if (path === "/v1/files" && method === "POST") return this.upload(exchange).then(() => true);
    if (path === "/v1/files" && method === "GET") {
      const purpose = exchange.request.query.purpose;
      const data = [...this.files.values()]
        .filter((f) => !purpose || f.purpose === purpose)
        .reverse();
      exchange.json({ object: "list", data: data.map(fileObject), has_more: false });
      return true;
    }
    const file = /^\/v1\/files\/([^/]+)$/.exec(path);
    if (file && method === "GET") {
      const found = this.files.get(decodeURIComponent(file[1] as string));
      if (found) exchange.json(fileObject(found));
      else
        exchange.json(
          openAIError(`No such File object: ${file[1]}`, "invalid_request_error", null),
          404,
        );
      return true;
    }
    if (path === "/v1/fine_tuning/jobs" && method === "POST")
      return this.create(exchange).then(() => true);
    if (path === "/v1/fine_tuning/jobs" && method === "GET") {
      const wanted = Object.entries(exchange.request.query)
        .filter(([key]) => key.startsWith("metadata["))
        .map(([key, value]) => [key.slice(9, -1), value] as const);
      const data = [...this.jobs.values()]
        .filter((job) => wanted.every(([key, value]) => job.metadata?.[key] === value))
        .reverse()
        .map(jobObject);
      exchange.json(cursorPage(data, exchange.request.query));
      return true;
    }
    const job = /^\/v1\/fine_tuning\/jobs\/([^/]+)(\/events|\/cancel)?$/.exec(path);
    if (!job) return false;
    const found = this.jobs.get(decodeURIComponent(job[1] as string));
    if (!found) {
      exchange.json(
        openAIError(
          `Could not find fine-tune job: ${job[1]}`,
          "invalid_request_error",
          "fine_tune_job_not_found",
        ),
        404,
      );
      return true;
    }
    const route = `${method} ${job[2] ?? ""}`;
    if (route === "GET ") {
      this.advance(found);
      exchange.json(jobObject(found));
    } else if (route === "GET /events") {
      exchange.json(cursorPage([...found.events].reverse(), exchange.request.query));
    } else if (route === "POST /cancel") {
      if (["succeeded", "failed", "cancelled"].includes(found.status)) {
        exchange.json(
          openAIError(`Job has already completed: ${found.id}`, "invalid_request_error", null),
          400,
        );
      } else {
        found.status = "cancelled";
        this.event(found, "info", "Fine-tuning job cancelled");
        exchange.json(jobObject(found));
      }
    } else return false;
    return true;
  }

  private async upload(exchange: FakeExchange) {
    const parts = await parseMultipart(exchange.request);
    const file = parts.find((part) => part.name === "file");
    const purpose = multipartField(parts, "purpose");
    if (this.uploadDelayMs) await new Promise((done) => setTimeout(done, this.uploadDelayMs));
    if (!file || !purpose) {
      return exchange.json(
        openAIError("Missing required parameter: 'file'.", "invalid_request_error", null),
        400,
      );
    }
    if (purpose === "fine-tune" && !file.filename?.endsWith(".jsonl")) {
      return exchange.json(
        openAIError(
          "Invalid file format for Fine-Tuning API. Must be .jsonl",
          "invalid_request_error",
          null,
        ),
        400,
      );
    }
    if (file.data.length === 0) {
      return exchange.json(openAIError("File is empty.", "invalid_request_error", null), 400);
    }
    this.counter += 1;
    const stored: FakeFile = {
      id: `file-fake${this.counter}`,
      filename: file.filename ?? "file",
      purpose,
      bytes: file.data.length,
      content: file.data,
      created_at: now(),
    };
    this.files.set(stored.id, stored);
    this.answerOrDrop(exchange, "upload", fileObject(stored));
  }

  private async create(exchange: FakeExchange) {
    const body = (exchange.request.body ?? {}) as Record<string, unknown>;
    if (this.createDelayMs) await new Promise((done) => setTimeout(done, this.createDelayMs));
    const model = String(body.model ?? "");
    const dated = tunable.find((id) => id === model || id.startsWith(`${model}-20`));
    if (!dated) {
      const error = openAIError(
        `Model ${model} is not available for fine-tuning or does not exist.`,
        "invalid_request_error",
        "model_not_available",
      );
      return exchange.json({ error: { ...error.error, param: "model" } }, 400);
    }
    const training = this.files.get(String(body.training_file));
    if (!training || training.purpose !== "fine-tune") {
      const error = openAIError(
        `invalid training_file: ${String(body.training_file)}`,
        "invalid_request_error",
        null,
      );
      return exchange.json({ error: { ...error.error, param: "training_file" } }, 400);
    }
    this.counter += 1;
    const method = body.method as
      | { supervised?: { hyperparameters?: { n_epochs?: number } } }
      | undefined;
    const job: FakeFineTuningJob = {
      id: `ftjob-fake${this.counter}`,
      model: dated,
      trainingFile: training.id,
      validationFile: typeof body.validation_file === "string" ? body.validation_file : null,
      suffix: typeof body.suffix === "string" ? body.suffix : null,
      metadata: (body.metadata as Record<string, string>) ?? null,
      nEpochs: method?.supervised?.hyperparameters?.n_epochs ?? "auto",
      status: "validating_files",
      step: 0,
      events: [],
      error: null,
      fineTunedModel: null,
      createdAt: now(),
    };
    if (this.failNext) {
      job.error = { ...this.failNext, param: null };
      this.failNext = undefined;
    }
    const bad = training.content
      .toString("utf8")
      .split("\n")
      .findIndex((line) => line.trim() !== "" && !isChatLine(line));
    if (bad >= 0) {
      job.error = {
        code: "invalid_training_file",
        message: `The job failed due to an invalid training file. Invalid file format. Line ${bad + 1}, key "messages": Missing or invalid.`,
        param: "training_file",
      };
    }
    this.jobs.set(job.id, job);
    this.event(job, "info", `Validating training file: ${training.id}`);
    this.answerOrDrop(exchange, "create", jobObject(job));
  }

  private answerOrDrop(exchange: FakeExchange, route: "upload" | "create", value: unknown) {
    if (this.dropAnswerOf !== route) return exchange.json(value);
    this.dropAnswerOf = undefined;
    exchange.response.socket?.destroy();
  }

  /** One stage further, as if the time between two looks had passed. */
  private advance(job: FakeFineTuningJob) {
    if (job.status === "validating_files") {
      if (job.error?.code === "invalid_training_file") return this.fail(job);
      job.status = "queued";
      this.event(job, "info", "Files validated, moving job to queued state");
    } else if (job.status === "queued") {
      job.status = "running";
      this.event(job, "info", "Fine-tuning job started");
    } else if (job.status === "running") {
      if (job.error) return this.fail(job);
      job.step += 1;
      const loss = Number((1.9 / (job.step + 0.5)).toFixed(4));
      this.event(job, "info", `Step ${job.step}/${this.steps}: training loss=${loss}`, "metrics", {
        step: job.step,
        train_loss: loss,
        total_steps: this.steps,
      });
      if (job.step >= this.steps) {
        job.status = "succeeded";
        job.fineTunedModel = `ft:${job.model}:fake-org:${job.suffix ?? ""}:${job.id.slice(-8)}`;
        this.event(job, "info", `New fine-tuned model created: ${job.fineTunedModel}`);
        this.event(job, "info", "The job has successfully completed");
      }
    }
  }

  private fail(job: FakeFineTuningJob) {
    job.status = "failed";
    this.event(job, "error", job.error?.message ?? "failed");
  }

  private event(
    job: FakeFineTuningJob,
    level: string,
    message: string,
    type = "message",
    data: unknown = {},
  ) {
    this.counter += 1;
    job.events.push({
      object: "fine_tuning.job.event",
      id: `ftevent-fake${this.counter}`,
      created_at: now(),
      level,
      message,
      type,
      data,
    });
  }
}

/** OpenAI's CursorPage: newest first, `limit` (default 20) items after the item `after`. */
function cursorPage<T extends object>(
  items: T[],
  query: Record<string, string | string[] | undefined>,
) {
  const after = query.after ? String(query.after) : undefined;
  const start = after ? items.findIndex((item) => "id" in item && item.id === after) + 1 : 0;
  const limit = Number(query.limit ?? 20);
  const data = items.slice(start, start + limit);
  return { object: "list", data, has_more: start + limit < items.length };
}

function isChatLine(line: string): boolean {
  try {
    return Array.isArray((JSON.parse(line) as { messages?: unknown }).messages);
  } catch {
    return false;
  }
}

function fileObject(file: FakeFile) {
  return {
    id: file.id,
    object: "file",
    bytes: file.bytes,
    created_at: file.created_at,
    filename: file.filename,
    purpose: file.purpose,
    status: "processed",
  };
}

function jobObject(job: FakeFineTuningJob) {
  const finished = ["succeeded", "failed", "cancelled"].includes(job.status);
  return {
    object: "fine_tuning.job",
    id: job.id,
    model: job.model,
    created_at: job.createdAt,
    finished_at: finished ? now() : null,
    fine_tuned_model: job.fineTunedModel,
    organization_id: "org-fake",
    result_files: job.status === "succeeded" ? ["file-result"] : [],
    status: job.status,
    validation_file: job.validationFile,
    training_file: job.trainingFile,
    hyperparameters: {
      n_epochs: job.nEpochs,
      batch_size: "auto",
      learning_rate_multiplier: "auto",
    },
    trained_tokens: job.status === "succeeded" ? 1234 : null,
    error: job.status === "failed" ? job.error : null,
    seed: 42,
    estimated_finish: null,
    integrations: null,
    metadata: job.metadata,
    suffix: job.suffix,
    method: { type: "supervised", supervised: { hyperparameters: { n_epochs: job.nEpochs } } },
  };
}
