import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/index.js";
import type { OllamaClientHolder } from "./ollama-provider.js";

export class OllamaEmbeddingModel implements EmbeddingModel {
  readonly specVersion = "v1";
  readonly provider = "ollama";

  constructor(
    readonly modelId: string,
    private readonly holder: OllamaClientHolder,
  ) {}

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const client = await this.holder.get();
    try {
      const response = await this.holder.withSignal(options.signal, () =>
        client.embed({
          model: this.modelId,
          input: options.values,
          ...options.providerOptions?.ollama,
        }),
      );
      return {
        embeddings: response.embeddings,
        usage: { inputTokens: (response as { prompt_eval_count?: number }).prompt_eval_count },
        warnings: [],
      };
    } catch (error) {
      throw this.holder.explain(error, this.modelId);
    }
  }
}
