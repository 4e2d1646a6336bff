import { InvalidResponseError } from "../../errors.js";
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/index.js";
import { describeUnexpected } from "./describe-unexpected.js";
import type { OpenAIClientHolder } from "./openai-provider.js";

export class OpenAIEmbeddingModel implements EmbeddingModel {
  readonly specVersion = "v1";
  readonly provider: string;
  /** OpenAI accepts up to 2048 inputs per request. */
  readonly maxValuesPerCall = 2048;

  constructor(
    readonly modelId: string,
    private readonly holder: OpenAIClientHolder,
  ) {
    this.provider = holder.preset.id;
  }

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const client = await this.holder.get();
    const response = await client.embeddings.create(
      { model: this.modelId, input: options.values, ...options.providerOptions?.[this.provider] },
      { signal: options.signal, headers: options.headers },
    );
    if (typeof response !== "object" || !Array.isArray(response?.data)) {
      throw new InvalidResponseError(this.provider, describeUnexpected(response));
    }
    return {
      embeddings: [...response.data]
        .sort((a, b) => a.index - b.index)
        .map((item) => item.embedding),
      usage: { inputTokens: response.usage?.prompt_tokens },
      warnings: [],
    };
  }
}
