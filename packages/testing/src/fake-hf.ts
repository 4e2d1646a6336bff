import { answerChatCompletion } from "./chat-completion.js";
import { fakeEmbedding } from "./fake-embedding.js";
import type { FakeExchange } from "./fake-exchange.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import { FakeFalQueue, type FalQueueOptions } from "./fal-queue.js";
import { answerHfTextToAudio, answerHfTextToSpeech } from "./hf-audio.js";
import { huggingFaceRewritingFetch } from "./hf-fetch.js";
import { answerImageToImage, answerTextToImage } from "./hf-images.js";
import {
  type HuggingFaceProviderEntry,
  type HuggingFaceTask,
  hubModelInfo,
  providersForModel,
  taskForModel,
} from "./hf-provider-mapping.js";
import type { VideoJobBook } from "./video-job-book.js";

/** Options for {@link startFakeHuggingFace}. */
export interface FakeHuggingFaceOptions {
  /** When set, router requests need `Authorization: Bearer <token>` (else 401). Hub lookups never do. */
  token?: string;
  /** The task per model id for the Hub mapping; unlisted ids are guessed from the name. */
  tasks?: Record<string, HuggingFaceTask>;
  /** Known model ids; when set, the Hub answers 404 for others. */
  models?: string[];
  /** Embedding size for feature extraction. Default 8. */
  embeddingDimensions?: number;
  /**
   * The Inference Providers the Hub lists per model, first first. Default: hf-inference, but
   * fal-ai for Kokoro-82M, stable-audio-open-1.0, ACE-Step and Wan 2.2 A14B T2V/I2V (as on the Hub).
   */
  providers?: Record<string, HuggingFaceProviderEntry[]>;
  /** How the fake fal queue moves requests along, and where its files are said to be. */
  fal?: FalQueueOptions;
}

/** A fake Hugging Face origin, plus a `fetch` that points the real client at it. */
export interface FakeHuggingFace extends FakeServer {
  /**
   * Rewrites `https://router.huggingface.co` and `https://huggingface.co` to this server, and
   * fal's file host to {@link falFiles}.
   */
  fetch: typeof fetch;
  /**
   * fal's file host, a second origin as in production: result files are downloaded from here
   * (inject `cutBodyAtFraction` or a status fault on `/files/` here).
   */
  falFiles: FakeServer;
  /** fal's video jobs (Wan text-to-video / image-to-video through the queue). */
  book: VideoJobBook;
  /** The router and Hub origin itself, for faults on the queue's status and result requests. */
  api: FakeServer;
}

const hubModel = /^\/api\/models\/([^/]+(?:\/[^/]+)?)$/;
const providerChat = /^\/hf-inference\/models\/(.+)\/v1\/chat\/completions$/;
const pipeline =
  /^\/hf-inference\/models\/(.+)\/pipeline\/(feature-extraction|sentence-similarity)$/;
/** Task routes without a suffix (text-to-image, image-to-image): the model's own task decides. */
const modelRoute = /^\/hf-inference\/models\/([^/]+(?:\/[^/]+)?)$/;

function errorForStatus(status: number): { error: string } {
  if (status === 401) return { error: "Invalid credentials in Authorization header" };
  if (status === 429) return { error: "Rate limit reached. Please retry later." };
  if (status === 503) return { error: "Service Temporarily Unavailable" };
  return { error: `Request failed with status ${status}` };
}

function cosine(left: number[], right: number[]): number {
  return left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
}

function answerPipeline(exchange: FakeExchange, task: string, dimensions: number): void {
  const inputs = (exchange.request.body as { inputs?: unknown } | undefined)?.inputs;
  if (task === "sentence-similarity") {
    const { source_sentence: source, sentences } = (inputs ?? {}) as {
      source_sentence?: string;
      sentences?: string[];
    };
    if (typeof source !== "string" || !Array.isArray(sentences)) {
      exchange.json({ error: "inputs must have source_sentence and sentences" }, 400);
      return;
    }
    const anchor = fakeEmbedding(source, dimensions);
    exchange.json(sentences.map((text) => cosine(anchor, fakeEmbedding(text, dimensions))));
    return;
  }
  const texts = typeof inputs === "string" ? [inputs] : inputs;
  if (!Array.isArray(texts) || !texts.every((text) => typeof text === "string")) {
    exchange.json({ error: "inputs must be a string or an array of strings" }, 400);
    return;
  }
  exchange.json(texts.map((text) => fakeEmbedding(text, dimensions)));
}

/**
 * Starts a fake that serves both Hugging Face router paths (`POST /v1/chat/completions`,
 * `POST /hf-inference/models/<id>/v1/chat/completions`,
 * `POST /hf-inference/models/<id>/pipeline/feature-extraction`, and `POST /hf-inference/models/<id>`
 * for text-to-image, image-to-image, text-to-speech and text-to-audio models, answering raw PNG
 * or WAV bytes), fal-ai behind the router (see {@link FakeFalQueue}: text-to-speech, the queue
 * for text-to-audio, result files) and Hub paths
 * (`GET /api/models/<id>?expand[]=inferenceProviderMapping`). Errors are `{"error":"..."}`
 * (fal's are `{"detail":...}`).
 */
export async function startFakeHuggingFace(
  options: FakeHuggingFaceOptions = {},
): Promise<FakeHuggingFace> {
  let counter = 0;
  const falFiles = await startFakeServer(async (exchange) => {
    if (await fal.book.serveResult(exchange)) return;
    if (!fal.route(exchange)) exchange.json({ detail: "Not Found" }, 404);
  });
  const fal = new FakeFalQueue(options.fal ?? {}, () => falFiles.origin);
  const dimensions = options.embeddingDimensions ?? 8;

  async function route(exchange: FakeExchange): Promise<void> {
    const { method, path, query, headers } = exchange.request;
    const hubMatch = method === "GET" ? hubModel.exec(path) : null;
    if (hubMatch) {
      const modelId = decodeURIComponent(hubMatch[1] ?? "");
      if (options.models && !options.models.includes(modelId)) {
        return exchange.json({ error: "Repository not found" }, 404);
      }
      const expand = ([] as unknown[]).concat(query["expand[]"] ?? []);
      const task = taskForModel(modelId, options.tasks);
      const providers = providersForModel(modelId, options.providers);
      const expanded = expand.includes("inferenceProviderMapping");
      return exchange.json(hubModelInfo(modelId, task, expanded, providers));
    }
    // fal's own key (queue.fal.run) comes as `Key <key>`.
    const keys = [`Bearer ${options.token}`, `Key ${options.token}`];
    if (options.token !== undefined && !keys.includes(String(headers.authorization))) {
      return exchange.json(errorForStatus(401), 401);
    }
    if (method === "POST" && (path === "/v1/chat/completions" || providerChat.test(path))) {
      counter += 1;
      return answerChatCompletion(exchange, `chatcmpl-fake${counter}`);
    }
    const pipelineMatch = method === "POST" ? pipeline.exec(path) : null;
    if (pipelineMatch) return answerPipeline(exchange, pipelineMatch[2] ?? "", dimensions);
    const modelMatch = method === "POST" ? modelRoute.exec(path) : null;
    if (modelMatch) {
      const task = taskForModel(decodeURIComponent(modelMatch[1] ?? ""), options.tasks);
      if (task === "text-to-image") return answerTextToImage(exchange);
      if (task === "image-to-image") return answerImageToImage(exchange);
      if (task === "text-to-speech") return answerHfTextToSpeech(exchange);
      if (task === "text-to-audio") return answerHfTextToAudio(exchange);
      return exchange.json({ error: `The model's task ${task} has no route here` }, 400);
    }
    if (fal.route(exchange)) return;
    exchange.json({ error: "Not Found" }, 404);
  }

  let requestCounter = 0;
  const server = await startFakeServer(route, {
    errorBody: errorForStatus,
    responseHeaders: () => {
      requestCounter += 1;
      return { "x-request-id": `Root=fake-${requestCounter}` };
    },
  });
  const { close: closeRouter, reset: resetRouter } = server;
  return Object.assign(server, {
    reset: () => {
      resetRouter();
      falFiles.reset();
      fal.forgetVideos();
    },
    fetch: huggingFaceRewritingFetch(server.origin, falFiles.origin),
    falFiles,
    book: fal.book,
    api: server,
    close: async () => {
      await Promise.all([closeRouter(), falFiles.close()]);
    },
  });
}
