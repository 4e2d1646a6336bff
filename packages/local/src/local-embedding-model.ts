import { AbortedError, InvalidInputError } from "@path/core";
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "@path/core/spec";
import { keepAlive } from "./keep-alive.js";
import { readLocalCallOptions } from "./local-call-options.js";
import type { LocalModelHost } from "./local-model-host.js";

/** An embedding model running in this process; one vector per value, in order. */
export class LocalEmbeddingModel implements EmbeddingModel {
  readonly specVersion = "v1";
  readonly provider = "local";
  readonly maxValuesPerCall = undefined;

  constructor(
    readonly modelId: string,
    private readonly host: LocalModelHost,
  ) {}

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const stopKeepingAlive = keepAlive(options.onActivity);
    try {
      return await this.embed(options);
    } finally {
      stopKeepingAlive();
    }
  }

  private async embed(options: EmbedCallOptions): Promise<EmbedResult> {
    const { warnings } = readLocalCallOptions({ ...options, providerOptions: undefined });
    const sampling = Object.keys(options.providerOptions?.local ?? {});
    if (sampling.length > 0) {
      warnings.push({
        type: "unsupported-setting",
        setting: "providerOptions.local",
        message: `${sampling.join(", ")} only affect text generation; embeddings ignored them.`,
      });
    }
    const loaded = await this.host.load(this.modelId, "embed", options.signal);
    const { pooled, name } = loaded;
    warnings.unshift(...loaded.warnings);
    const context = await pooled.embedding();
    const limit = pooled.embeddingInputLimit;
    const tokenCounts = options.values.map((value, index) => {
      if (value.trim() === "") {
        throw new InvalidInputError(
          `Value ${index} is empty; every value needs some text to embed.`,
        );
      }
      const count = context.calculateInputLength(value);
      if (count > limit) {
        throw new InvalidInputError(
          `Value ${index} is ${count} tokens, but ${name} embeds at most ${limit} tokens at a time. Split the text into smaller chunks.`,
        );
      }
      return count;
    });
    const embeddings = await pooled.queue.run(
      async () => {
        const vectors: number[][] = [];
        for (const value of options.values) {
          if (options.signal?.aborted) throw new AbortedError();
          const embedding = await context.getEmbeddingFor(value);
          vectors.push([...embedding.vector]);
        }
        return vectors;
      },
      options.signal,
      () => new AbortedError(),
    );
    return {
      embeddings,
      usage: { inputTokens: tokenCounts.reduce((sum, count) => sum + count, 0) },
      warnings,
    };
  }
}
