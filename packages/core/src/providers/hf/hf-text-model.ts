import type { InferenceClient } from "@huggingface/inference";
import type {
  Message,
  TextCallOptions,
  TextGenerateResult,
  TextModel,
  TextStreamPart,
} from "../../spec/index.js";
import {
  chatChunksToParts,
  finishReasonFromChat,
  usageFromChat,
} from "../chat-completion-parts.js";
import type { HfClientHolder } from "./hf-provider.js";

type ChatRequest = Parameters<InferenceClient["chatCompletion"]>[0];

/** Chat through Inference Providers' OpenAI-style chat completion route. */
export class HfTextModel implements TextModel {
  readonly specVersion = "v1";
  readonly provider = "hf";

  constructor(
    readonly modelId: string,
    private readonly holder: HfClientHolder,
  ) {}

  async doGenerate(options: TextCallOptions): Promise<TextGenerateResult> {
    const response = await this.holder.call(options.signal, (client, callOptions) =>
      client.chatCompletion(this.request(options), callOptions),
    );
    const choice = response.choices[0];
    return {
      text: choice?.message.content ?? "",
      finishReason: finishReasonFromChat(choice?.finish_reason),
      usage: usageFromChat(response.usage),
      warnings: [],
      response: { id: response.id, modelId: response.model },
    };
  }

  async doStream(options: TextCallOptions): Promise<AsyncIterable<TextStreamPart>> {
    // The client sends the request on the first next(); pull it now so HTTP errors reject here.
    const { iterator, first } = await this.holder.call(
      options.signal,
      async (client, callOptions) => {
        const stream = client.chatCompletionStream(
          { ...this.request(options), stream_options: { include_usage: true } },
          callOptions,
        );
        const iterator = stream[Symbol.asyncIterator]();
        return { iterator, first: await iterator.next() };
      },
    );
    return chatChunksToParts(
      (async function* () {
        for (let next = first; !next.done; next = await iterator.next()) yield next.value;
      })(),
      [],
    );
  }

  private request(options: TextCallOptions): ChatRequest {
    const format = options.responseFormat;
    return {
      model: this.modelId,
      provider: this.holder.inferenceProvider,
      messages: options.messages.map(toHfMessage),
      temperature: options.temperature,
      max_tokens: options.maxOutputTokens,
      top_p: options.topP,
      stop: options.stopSequences,
      seed: options.seed,
      response_format: format
        ? format.schema
          ? {
              type: "json_schema",
              json_schema: { name: format.name ?? "response", schema: format.schema },
            }
          : { type: "json_object" }
        : undefined,
      ...options.providerOptions?.hf,
    } as ChatRequest;
  }
}

function toHfMessage(message: Message) {
  if (typeof message.content === "string") return { role: message.role, content: message.content };
  return {
    role: message.role,
    content: message.content.map((part) =>
      part.type === "text"
        ? { type: "text", text: part.text }
        : {
            type: "image_url",
            image_url: {
              url: `data:${part.image.mediaType ?? "image/png"};base64,${Buffer.from(part.image.data).toString("base64")}`,
            },
          },
    ),
  };
}
