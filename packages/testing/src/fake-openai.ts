import { answerChatCompletion, fakeCreated } from "./chat-completion.js";
import type { FakeExchange } from "./fake-exchange.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import { answerEmbeddings } from "./openai-embeddings.js";
import { openAIError, openAIErrorForStatus } from "./openai-error.js";
import { FakeFineTuning } from "./openai-fine-tuning.js";
import {
  answerImageEdit,
  answerImageGeneration,
  ImageStore,
  serveStoredImage,
} from "./openai-images.js";
import { answerSpeech } from "./openai-speech.js";
import { FakeSoraVideos } from "./openai-videos.js";
import { VideoJobBook } from "./video-job-book.js";

/** Options for {@link startFakeOpenAI}. */
export interface FakeOpenAIOptions {
  /** When set, any other bearer key gets 401 `invalid_api_key`. A bearer key is always required. */
  apiKey?: string;
  /** Known model ids; when set, other models get 404 `model_not_found`. Also what `/v1/models` lists. */
  models?: string[];
  /** Embedding size when the request gives no `dimensions`. Default 8. */
  embeddingDimensions?: number;
}

const defaultModels = ["gpt-4o-mini", "text-embedding-3-small"];

/** The fake OpenAI server, with its Sora jobs in `book` (`api` is the server itself). */
export interface FakeOpenAI extends FakeServer {
  readonly book: VideoJobBook;
  /** The files and fine-tuning jobs it holds, and the knobs for failures and slow answers. */
  readonly fineTuning: FakeFineTuning;
  readonly api: FakeServer;
}

function modelObject(id: string) {
  return { id, object: "model", created: fakeCreated, owned_by: "fake" };
}

function authorise(exchange: FakeExchange, apiKey: string | undefined): boolean {
  const header = exchange.request.headers.authorization ?? "";
  const key = header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : "";
  if (key && (apiKey === undefined || key === apiKey)) return true;
  const message = key
    ? "Incorrect API key provided"
    : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
  exchange.json(openAIError(message, "invalid_request_error", key ? "invalid_api_key" : null), 401);
  return false;
}

function knownModel(exchange: FakeExchange, models: string[] | undefined): boolean {
  const model = (exchange.request.body as { model?: unknown } | undefined)?.model;
  if (!models || (typeof model === "string" && models.includes(model))) return true;
  const message = `The model \`${String(model)}\` does not exist or you do not have access to it.`;
  exchange.json(openAIError(message, "invalid_request_error", "model_not_found"), 404);
  return false;
}

/**
 * Starts a fake OpenAI API. `url` ends in `/v1`: give it to `new OpenAI({ baseURL })`.
 * Serves `POST /v1/chat/completions` (JSON and SSE), `POST /v1/embeddings`, `GET /v1/models`,
 * `GET /v1/models/<id>`, `POST /v1/images/generations` (JSON) and `POST /v1/images/edits`
 * (multipart), answering with PNGs of the requested size (b64_json, or a `url` on this server for
 * dall-e without `response_format`), `POST /v1/audio/speech` (a WAV as long as the text), and
 * Sora's `/v1/videos` routes (create, retrieve, list, delete, remix, content; see `book`);
 * every response is `application/json` (SSE, image and audio files aside) with an `x-request-id`.
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let counter = 0;
  let requestCounter = 0;
  const dimensions = options.embeddingDimensions ?? 8;
  const images = new ImageStore();
  const videos = new FakeSoraVideos(new VideoJobBook());
  const fineTuning = new FakeFineTuning();
  const server = await startFakeServer(
    async (exchange) => {
      if (serveStoredImage(exchange, images)) return;
      if (!authorise(exchange, options.apiKey)) return;
      if (await videos.answer(exchange)) return;
      if (await fineTuning.answer(exchange)) return;
      const route = `${exchange.request.method} ${exchange.request.path}`;
      const listed = options.models ?? defaultModels;
      if (route === "GET /v1/models") {
        return exchange.json({ object: "list", data: listed.map(modelObject) });
      }
      if (route.startsWith("GET /v1/models/")) {
        const id = decodeURIComponent(exchange.request.path.slice("/v1/models/".length));
        if (listed.includes(id)) return exchange.json(modelObject(id));
        const message = `The model '${id}' does not exist`;
        return exchange.json(openAIError(message, "invalid_request_error", "model_not_found"), 404);
      }
      if (route === "POST /v1/chat/completions") {
        const body = exchange.request.body as { messages?: unknown } | undefined;
        if (!Array.isArray(body?.messages)) {
          const message = "Missing required parameter: 'messages'.";
          const error = openAIError(message, "invalid_request_error", "missing_required_parameter");
          return exchange.json({ error: { ...error.error, param: "messages" } }, 400);
        }
        if (!knownModel(exchange, options.models)) return;
        counter += 1;
        return answerChatCompletion(exchange, `chatcmpl-fake${counter}`);
      }
      if (route === "POST /v1/embeddings") {
        if (!knownModel(exchange, options.models)) return;
        return answerEmbeddings(exchange, dimensions);
      }
      if (route === "POST /v1/images/generations") {
        if (!knownModel(exchange, options.models)) return;
        return answerImageGeneration(exchange, images);
      }
      if (route === "POST /v1/images/edits") return answerImageEdit(exchange, images);
      if (route === "POST /v1/audio/speech") {
        if (!knownModel(exchange, options.models)) return;
        return answerSpeech(exchange);
      }
      const message = `Unknown request URL: ${route}.`;
      exchange.json(openAIError(message, "invalid_request_error", "unknown_url"), 404);
    },
    {
      basePath: "/v1",
      errorBody: openAIErrorForStatus,
      responseHeaders: () => {
        requestCounter += 1;
        return { "x-request-id": `req_fake${requestCounter}` };
      },
    },
  );
  return Object.assign(server, { book: videos.book, fineTuning, api: server });
}
