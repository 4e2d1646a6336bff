import { createHash } from "node:crypto";
import { imageSize, sniffMediaType } from "@path/core";
import type { FakeExchange } from "./fake-exchange.js";
import { fakeImageFor } from "./fake-png.js";

interface ImageParameters {
  width?: number;
  height?: number;
  target_size?: { width?: number; height?: number };
  seed?: number;
  prompt?: string;
  negative_prompt?: string;
  strength?: number;
}

function sendImage(exchange: FakeExchange, png: Buffer) {
  exchange.response.writeHead(200, {
    "content-type": "image/png",
    "content-length": String(png.length),
  });
  exchange.response.end(png);
}

function dimension(value: unknown, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return Number.isInteger(value) && (value as number) >= 64 && (value as number) <= 2048
    ? (value as number)
    : undefined;
}

/** `text-to-image` on hf-inference: `{inputs, parameters}` in, raw image bytes out. */
export function answerTextToImage(exchange: FakeExchange) {
  const body = exchange.request.body as { inputs?: unknown; parameters?: ImageParameters };
  if (typeof body?.inputs !== "string" || body.inputs.trim() === "") {
    return exchange.json({ error: "inputs must be a non-empty string" }, 400);
  }
  const parameters = body.parameters ?? {};
  const width = dimension(parameters.width, 1024);
  const height = dimension(parameters.height, 1024);
  if (width === undefined || height === undefined) {
    return exchange.json({ error: "width and height must be whole numbers from 64 to 2048" }, 400);
  }
  const negative = parameters.negative_prompt ? `\u0000${parameters.negative_prompt}` : "";
  const png = fakeImageFor(exchange, {
    prompt: `${body.inputs}${negative}`,
    seed: parameters.seed,
    width,
    height,
  });
  sendImage(exchange, png);
}

/**
 * `image-to-image` on hf-inference: either the raw image as the body (no parameters), or JSON
 * `{inputs: <base64 image>, parameters: {prompt, strength, target_size, …}}`. Answers an image
 * of `target_size`, else of the input's size.
 */
export function answerImageToImage(exchange: FakeExchange) {
  const { body, rawBody } = exchange.request;
  let input: Buffer;
  let parameters: ImageParameters = {};
  if (Buffer.isBuffer(body)) input = body;
  else {
    const json = body as { inputs?: unknown; parameters?: ImageParameters } | undefined;
    if (typeof json?.inputs !== "string") {
      return exchange.json({ error: "inputs must be a base64-encoded image" }, 400);
    }
    input = Buffer.from(json.inputs, "base64");
    parameters = json.parameters ?? {};
  }
  const type = sniffMediaType(input);
  const size = type?.startsWith("image/") ? imageSize(input) : undefined;
  if (!size || rawBody.length === 0) {
    return exchange.json({ error: "cannot identify image file" }, 400);
  }
  const width = dimension(parameters.target_size?.width, size.width);
  const height = dimension(parameters.target_size?.height, size.height);
  if (width === undefined || height === undefined) {
    return exchange.json({ error: "target_size must be whole numbers from 64 to 2048" }, 400);
  }
  const digest = createHash("sha256").update(input).digest("hex").slice(0, 16);
  const png = fakeImageFor(exchange, {
    prompt: `${parameters.prompt ?? ""}\u0000${digest}\u0000${parameters.strength ?? ""}`,
    seed: parameters.seed,
    width,
    height,
  });
  sendImage(exchange, png);
}
