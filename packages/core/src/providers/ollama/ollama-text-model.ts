import type { ChatRequest, Message as OllamaMessage } from "ollama";
import type {
  FinishReason,
  Message,
  TextCallOptions,
  TextGenerateResult,
  TextModel,
  TextStreamPart,
} from "../../spec/index.js";
import type { OllamaClientHolder } from "./ollama-provider.js";

export class OllamaTextModel implements TextModel {
  readonly specVersion = "v1";
  readonly provider = "ollama";

  constructor(
    readonly modelId: string,
    private readonly holder: OllamaClientHolder,
  ) {}

  async doGenerate(options: TextCallOptions): Promise<TextGenerateResult> {
    const client = await this.holder.get();
    try {
      const response = await this.holder.withSignal(options.signal, () =>
        client.chat({ ...this.request(options), stream: false }),
      );
      return {
        text: response.message.content,
        finishReason: mapDoneReason(response.done_reason),
        usage: usageOf(response),
        warnings: [],
        response: { modelId: response.model },
      };
    } catch (error) {
      throw this.holder.explain(error, this.modelId);
    }
  }

  async doStream(options: TextCallOptions): Promise<AsyncIterable<TextStreamPart>> {
    const client = await this.holder.get();
    const { holder, modelId } = this;
    const stream = await holder
      .withSignal(options.signal, () => client.chat({ ...this.request(options), stream: true }))
      .catch((error) => {
        throw holder.explain(error, modelId);
      });
    return (async function* (): AsyncGenerator<TextStreamPart> {
      yield { type: "start", warnings: [] };
      for await (const chunk of stream) {
        if (chunk.message.content) yield { type: "text-delta", delta: chunk.message.content };
        if (chunk.done) {
          yield {
            type: "finish",
            finishReason: mapDoneReason(chunk.done_reason),
            usage: usageOf(chunk),
          };
        }
      }
    })();
  }

  private request(options: TextCallOptions): Omit<ChatRequest, "stream"> {
    const format = options.responseFormat;
    return {
      model: this.modelId,
      messages: options.messages.map(toOllamaMessage),
      format: format ? (format.schema ?? "json") : undefined,
      options: {
        temperature: options.temperature,
        num_predict: options.maxOutputTokens,
        top_p: options.topP,
        stop: options.stopSequences,
        seed: options.seed,
      },
      ...options.providerOptions?.ollama,
    };
  }
}

function toOllamaMessage(message: Message): OllamaMessage {
  if (typeof message.content === "string") return { role: message.role, content: message.content };
  return {
    role: message.role,
    content: message.content.map((part) => (part.type === "text" ? part.text : "")).join(""),
    images: message.content.flatMap((part) => (part.type === "image" ? [part.image.data] : [])),
  };
}

function usageOf(response: { prompt_eval_count?: number; eval_count?: number }) {
  const inputTokens = response.prompt_eval_count;
  const outputTokens = response.eval_count;
  return {
    inputTokens,
    outputTokens,
    totalTokens:
      inputTokens !== undefined && outputTokens !== undefined
        ? inputTokens + outputTokens
        : undefined,
  };
}

function mapDoneReason(reason: string | undefined): FinishReason {
  if (reason === "stop") return "stop";
  if (reason === "length") return "length";
  return "other";
}
