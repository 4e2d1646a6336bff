import type { IncomingMessage, ServerResponse } from "node:http";
import { embed, type FinishReason, generateText, type Message, streamText } from "@path/core";
import { disconnectSignal, HttpError, sendJson } from "./http.js";
import { textModels } from "./models.js";

interface ChatBody {
  model?: string;
  messages?: Array<{ role: string; content: unknown }>;
  stream?: boolean;
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  stream_options?: { include_usage?: boolean };
  response_format?: { type?: string; json_schema?: { schema?: Record<string, unknown> } };
}

/** GET /v1/models: the models this server can reach, in OpenAI's list shape. */
export function listModels(response: ServerResponse, startModel?: string): void {
  const data = textModels(startModel)
    .filter((model) => model.ready)
    .map((model) => ({ id: model.id, object: "model", created: 0, owned_by: model.provider }));
  sendJson(response, 200, { object: "list", data });
}

/**
 * POST /v1/chat/completions with OpenAI's request and response shapes, streamed or not: any
 * OpenAI client (Open WebUI, an editor plugin, the `openai` package) reaches every model the
 * project knows, the embedded one included. The model is `provider:model`.
 */
export async function chatCompletions(
  body: ChatBody,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!body.model)
    throw new HttpError(
      400,
      "Name a model, e.g. local:qwen2.5-0.5b-instruct or openai:gpt-4o-mini.",
    );
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw new HttpError(400, "Send at least one message.");
  }
  const system = body.messages
    .filter((m) => m.role === "system")
    .map((m) => text(m.content))
    .join("\n");
  const messages: Message[] = body.messages
    .filter((m) => m.role === "user" || m.role === "assistant")
    .map((m) => ({ role: m.role as "user" | "assistant", content: text(m.content) }));
  const maxOutputTokens = body.max_completion_tokens ?? body.max_tokens;
  const settings = {
    model: body.model,
    messages,
    ...(system ? { system } : {}),
    ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    signal: disconnectSignal(request, response),
  };
  const id = `chatcmpl-${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  if (!body.stream) {
    const format = body.response_format;
    const schema =
      format?.type === "json_schema"
        ? (format.json_schema?.schema ?? { type: "object" })
        : format?.type === "json_object"
          ? { type: "object" }
          : undefined;
    const result = await generateText({ ...settings, ...(schema ? { schema } : {}) });
    sendJson(response, 200, {
      id,
      object: "chat.completion",
      created,
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: result.text },
          finish_reason: finish(result.finishReason),
        },
      ],
      usage: usageOf(result.usage),
    });
    return;
  }
  const stream = streamText(settings);
  const chunk = (delta: object, finishReason: string | null = null, extra: object = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`;
  let started = false;
  try {
    for await (const piece of stream.textStream) {
      if (!started) {
        response.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-store",
        });
        response.write(chunk({ role: "assistant", content: "" }));
        started = true;
      }
      response.write(chunk({ content: piece }));
    }
    const final = await stream.final;
    if (!started) {
      response.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
      });
      response.write(chunk({ role: "assistant", content: "" }));
    }
    response.write(chunk({}, finish(final.finishReason)));
    if (body.stream_options?.include_usage) {
      response.write(
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage: usageOf(final.usage) })}\n\n`,
      );
    }
    response.write("data: [DONE]\n\n");
    response.end();
  } catch (error) {
    if (!started) throw error;
    // Mid-stream: OpenAI's clients read an error object in the stream.
    response.write(
      `data: ${JSON.stringify({ error: { message: (error as Error).message, type: "server_error" } })}\n\n`,
    );
    response.end();
  }
}

/** POST /v1/embeddings: `input` a string or a list of strings. */
export async function embeddings(
  body: { model?: string; input?: unknown; encoding_format?: string },
  response: ServerResponse,
): Promise<void> {
  const values = typeof body.input === "string" ? [body.input] : body.input;
  if (!body.model || !Array.isArray(values) || values.some((v) => typeof v !== "string")) {
    throw new HttpError(400, "Send a model and input (a string or a list of strings).");
  }
  const result = await embed({ model: body.model, values: values as string[] });
  sendJson(response, 200, {
    object: "list",
    // OpenAI's own client asks for base64 (little-endian float32) unless told otherwise.
    data: result.embeddings.map((vector, index) => ({
      object: "embedding",
      index,
      embedding:
        body.encoding_format === "base64"
          ? Buffer.from(Float32Array.from(vector).buffer).toString("base64")
          : vector,
    })),
    model: body.model,
    usage: {
      prompt_tokens: result.usage.inputTokens ?? 0,
      total_tokens: result.usage.inputTokens ?? 0,
    },
  });
}

function text(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part as { text?: string }).text ?? "").join("");
  }
  return "";
}

function finish(reason: FinishReason): string {
  return reason === "length" ? "length" : reason === "content-filter" ? "content_filter" : "stop";
}

function usageOf(usage: { inputTokens?: number; outputTokens?: number; totalTokens?: number }) {
  const prompt = usage.inputTokens ?? 0;
  const completion = usage.outputTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage.totalTokens ?? prompt + completion,
  };
}
