import { createHash } from "node:crypto";
import { imageSize, sniffMediaType } from "@path/core";
import { fakeCreated } from "./chat-completion.js";
import type { FakeExchange } from "./fake-exchange.js";
import { fakeImageFor } from "./fake-png.js";
import { type MultipartPart, multipartField, parseMultipart } from "./multipart.js";
import { openAIError } from "./openai-error.js";

/** The sizes each OpenAI image model accepts (GPT image models also take `auto`). */
const sizesFor = (model: string): string[] => {
  if (model === "dall-e-2") return ["256x256", "512x512", "1024x1024"];
  if (model === "dall-e-3") return ["1024x1024", "1792x1024", "1024x1792"];
  return ["1024x1024", "1536x1024", "1024x1536", "auto"];
};

const isGptImage = (model: string) => !model.startsWith("dall-e");

/** The generated files a `url` answer points at, served by `GET /fake-images/<id>.png`. */
export class ImageStore {
  readonly #files = new Map<string, Buffer>();
  #counter = 0;

  add(bytes: Buffer): string {
    this.#counter += 1;
    const id = `img-${this.#counter}`;
    this.#files.set(id, bytes);
    // Keep memory bounded in long test runs: real URLs expire too.
    if (this.#files.size > 200) this.#files.delete(this.#files.keys().next().value!);
    return id;
  }

  get(id: string): Buffer | undefined {
    return this.#files.get(id);
  }
}

const imagePath = /^\/fake-images\/(img-\d+)\.png$/;

/** Serves a stored image (no auth, like the signed blob URLs OpenAI hands out). Returns false when the path is not an image URL. */
export function serveStoredImage(exchange: FakeExchange, store: ImageStore): boolean {
  const match = exchange.request.method === "GET" ? imagePath.exec(exchange.request.path) : null;
  if (!match) return false;
  const bytes = store.get(match[1]!);
  if (!bytes) {
    exchange.response.writeHead(404, { "content-type": "application/xml" });
    exchange.response.end("<Error><Code>BlobNotFound</Code></Error>");
    return true;
  }
  exchange.response.writeHead(200, {
    "content-type": "image/png",
    "content-length": String(bytes.length),
  });
  exchange.response.end(bytes);
  return true;
}

interface ImageRequest {
  model: string;
  prompt: unknown;
  n: number;
  size?: string;
  responseFormat?: string;
  quality?: string;
  style?: string;
  /** Extra text mixed into the picture (the init image's hash for edits). */
  salt: string;
}

function badRequest(exchange: FakeExchange, message: string, param: string, code: string) {
  const error = openAIError(message, "invalid_request_error", code, param);
  exchange.json(error, 400);
}

/** Validates like the real API and answers an `ImagesResponse` with PNGs of the requested size. */
function answerImages(exchange: FakeExchange, request: ImageRequest, store: ImageStore) {
  const { model, n } = request;
  if (typeof request.prompt !== "string" || request.prompt === "") {
    return badRequest(
      exchange,
      "Missing required parameter: 'prompt'.",
      "prompt",
      "missing_required_parameter",
    );
  }
  const prompt = request.prompt;
  const allowed = sizesFor(model);
  if (request.size !== undefined && !allowed.includes(request.size)) {
    const list = allowed.map((size) => `'${size}'`).join(", ");
    return badRequest(
      exchange,
      `Invalid value: '${request.size}'. Supported values are: ${list}.`,
      "size",
      "invalid_value",
    );
  }
  const maxN = model === "dall-e-3" ? 1 : 10;
  if (!Number.isInteger(n) || n < 1 || n > maxN) {
    return badRequest(
      exchange,
      `Invalid 'n': integer above maximum value. Expected a value <= ${maxN}, but got ${n} instead.`,
      "n",
      "integer_above_max_value",
    );
  }
  if (isGptImage(model) && request.responseFormat !== undefined) {
    return badRequest(
      exchange,
      "Unknown parameter: 'response_format'.",
      "response_format",
      "unknown_parameter",
    );
  }
  if (request.style !== undefined && model !== "dall-e-3") {
    return badRequest(exchange, "Unknown parameter: 'style'.", "style", "unknown_parameter");
  }
  const size = !request.size || request.size === "auto" ? "1024x1024" : request.size;
  const [width, height] = size.split("x").map(Number) as [number, number];
  const useUrl = !isGptImage(model) && request.responseFormat !== "b64_json";
  const data = Array.from({ length: n }, (_, index) => {
    const png = fakeImageFor(exchange, {
      prompt: `${prompt}${request.salt}`,
      seed: index,
      width,
      height,
    });
    const revised =
      model === "dall-e-3" ? { revised_prompt: `A detailed picture of ${prompt}` } : {};
    if (!useUrl) return { b64_json: png.toString("base64"), ...revised };
    const url = `http://${exchange.request.headers.host}/fake-images/${store.add(png)}.png`;
    return { url, ...revised };
  });
  if (!isGptImage(model)) return exchange.json({ created: fakeCreated, data });
  const textTokens = Math.ceil(prompt.length / 4);
  const outputTokens = n * Math.round((width * height) / 256);
  exchange.json({
    created: fakeCreated,
    data,
    background: "opaque",
    output_format: "png",
    quality: request.quality ?? "high",
    size,
    usage: {
      input_tokens: textTokens,
      input_tokens_details: { image_tokens: 0, text_tokens: textTokens },
      output_tokens: outputTokens,
      total_tokens: textTokens + outputTokens,
    },
  });
}

/** Answers `POST /v1/images/generations` (JSON). */
export function answerImageGeneration(exchange: FakeExchange, store: ImageStore) {
  const body = (exchange.request.body ?? {}) as Record<string, unknown>;
  const model = typeof body.model === "string" ? body.model : "dall-e-2";
  answerImages(
    exchange,
    {
      model,
      prompt: body.prompt,
      n: typeof body.n === "number" ? body.n : 1,
      size: typeof body.size === "string" ? body.size : undefined,
      responseFormat: typeof body.response_format === "string" ? body.response_format : undefined,
      quality: typeof body.quality === "string" ? body.quality : undefined,
      style: typeof body.style === "string" ? body.style : undefined,
      salt: "",
    },
    store,
  );
}

/** Answers `POST /v1/images/edits` (multipart: `image` or `image[]`, `prompt`, `model`, …). */
export async function answerImageEdit(exchange: FakeExchange, store: ImageStore) {
  const parts = await parseMultipart(exchange.request);
  if (parts.length === 0) {
    return badRequest(
      exchange,
      "Invalid Content-Type header (application/json), expected multipart/form-data.",
      "",
      "invalid_content_type",
    );
  }
  const model = multipartField(parts, "model") ?? "dall-e-2";
  if (model === "dall-e-3") {
    return badRequest(
      exchange,
      "Invalid value: 'dall-e-3'. Value must be 'dall-e-2' or a GPT image model.",
      "model",
      "invalid_value",
    );
  }
  const images = parts.filter(
    (part: MultipartPart) => part.name === "image" || part.name === "image[]",
  );
  if (images.length === 0) {
    return badRequest(
      exchange,
      "Missing required parameter: 'image'.",
      "image",
      "missing_required_parameter",
    );
  }
  for (const image of images) {
    const type = sniffMediaType(image.data);
    if (
      !type ||
      !["image/png", "image/jpeg", "image/webp"].includes(type) ||
      !imageSize(image.data)
    ) {
      return badRequest(
        exchange,
        `Invalid input image - format must be in ['image/jpeg', 'image/png', 'image/webp'], got ${image.contentType ?? "unknown"}.`,
        "image",
        "invalid_image_format",
      );
    }
  }
  const hash = createHash("sha256");
  for (const image of images) hash.update(image.data);
  const n = Number(multipartField(parts, "n") ?? "1");
  answerImages(
    exchange,
    {
      model,
      prompt: multipartField(parts, "prompt"),
      n,
      size: multipartField(parts, "size"),
      responseFormat: multipartField(parts, "response_format"),
      quality: multipartField(parts, "quality"),
      salt: `\u0000${hash.digest("hex").slice(0, 16)}`,
    },
    store,
  );
}
