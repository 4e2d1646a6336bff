import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { InvalidResponseError } from "../../errors.js";
import type {
  Message,
  TextCallOptions,
  TextGenerateResult,
  TextModel,
  TextStreamPart,
  Warning,
} from "../../spec/index.js";
import {
  chatChunksToParts,
  finishReasonFromChat,
  usageFromChat,
} from "../chat-completion-parts.js";
import { describeUnexpected } from "./describe-unexpected.js";
import type { OpenAIClientHolder } from "./openai-provider.js";

export class OpenAITextModel implements TextModel {
  readonly specVersion = "v1";
  readonly provider: string;

  constructor(
    readonly modelId: string,
    private readonly holder: OpenAIClientHolder,
  ) {
    this.provider = holder.preset.id;
  }

  async doGenerate(options: TextCallOptions): Promise<TextGenerateResult> {
    const client = await this.holder.get();
    const { body, warnings } = this.request(options, false);
    const response = await client.chat.completions.create(
      body as ChatCompletionCreateParamsNonStreaming,
      { signal: options.signal, headers: options.headers },
    );
    // The client hands back a plain string when the server answers 200 with a non-JSON body.
    if (typeof response !== "object" || !Array.isArray(response?.choices)) {
      throw new InvalidResponseError(this.provider, describeUnexpected(response));
    }
    const choice = response.choices[0];
    return {
      text: choice?.message.content ?? "",
      finishReason: finishReasonFromChat(choice?.finish_reason),
      usage: usageFromChat(response.usage),
      warnings,
      response: { id: response.id, modelId: response.model },
    };
  }

  async doStream(options: TextCallOptions): Promise<AsyncIterable<TextStreamPart>> {
    const client = await this.holder.get();
    const { body, warnings } = this.request(options, true);
    const { data: stream, response } = await client.chat.completions
      .create(body as ChatCompletionCreateParamsStreaming, {
        signal: options.signal,
        headers: options.headers,
      })
      .withResponse();
    // A wrong base URL often answers 200 with a web page, which would read as an empty stream.
    if (!response.headers.get("content-type")?.includes("text/event-stream")) {
      const body = await response.text().catch(() => "");
      stream.controller.abort();
      throw new InvalidResponseError(this.provider, describeUnexpected(body));
    }
    return chatChunksToParts(stream, warnings);
  }

  private request(options: TextCallOptions, stream: boolean) {
    const { preset } = this.holder;
    const warnings: Warning[] = [];
    for (const setting of preset.unsupportedSettings ?? []) {
      if (options[setting as keyof TextCallOptions] !== undefined) {
        warnings.push({
          type: "unsupported-setting",
          setting,
          message: `${preset.id} ignores ${setting}.`,
        });
      }
    }
    let messages = options.messages;
    let responseFormat: ChatCompletionCreateParamsBase["response_format"];
    const format = options.responseFormat;
    if (format && preset.structuredOutput === "json_schema" && format.schema) {
      responseFormat = {
        type: "json_schema",
        json_schema: { name: format.name ?? "response", schema: format.schema, strict: false },
      };
    } else if (format) {
      // Vendors with only JSON mode need the schema in the prompt; core validates the answer.
      responseFormat = { type: "json_object" };
      const instruction = format.schema
        ? `Answer with JSON only, matching this JSON Schema:\n${JSON.stringify(format.schema)}`
        : "Answer with JSON only.";
      messages = [{ role: "system", content: instruction }, ...messages];
    }
    const vendorOptions = options.providerOptions?.[preset.id];
    // One literal: spreading a finished body into another object takes V8's slow path.
    const body = {
      model: this.modelId,
      messages: messages.map(toOpenAIMessage),
      temperature: options.temperature,
      max_tokens: options.maxOutputTokens,
      top_p: options.topP,
      stop: options.stopSequences,
      seed: preset.unsupportedSettings?.includes("seed") ? undefined : options.seed,
      response_format: responseFormat,
      ...vendorOptions,
      // Vendor options cannot switch streaming, nor drop the usage a stream ends with.
      stream,
      stream_options: stream ? { include_usage: true } : vendorOptions?.stream_options,
    };
    return { body, warnings };
  }
}

function toOpenAIMessage(message: Message): ChatCompletionMessageParam {
  if (typeof message.content === "string" || message.role !== "user") {
    const content =
      typeof message.content === "string"
        ? message.content
        : message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
    return { role: message.role, content } as ChatCompletionMessageParam;
  }
  return {
    role: "user",
    content: message.content.map((part) =>
      part.type === "text"
        ? { type: "text" as const, text: part.text }
        : {
            type: "image_url" as const,
            image_url: {
              url: `data:${part.image.mediaType ?? "image/png"};base64,${Buffer.from(part.image.data).toString("base64")}`,
            },
          },
    ),
  };
}
