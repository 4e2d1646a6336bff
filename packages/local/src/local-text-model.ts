import type {
  TextCallOptions,
  TextGenerateResult,
  TextModel,
  TextStreamPart,
} from "@path/core/spec";
import { AsyncChannel } from "./async-channel.js";
import { keepAlive } from "./keep-alive.js";
import type { LocalModelHost } from "./local-model-host.js";
import { prepareGeneration } from "./text-generation.js";

/**
 * A chat model running in this process. The model file is found (or downloaded) and loaded
 * on the first call; later calls reuse it and take turns on its context.
 */
export class LocalTextModel implements TextModel {
  readonly specVersion = "v1";
  readonly provider = "local";

  constructor(
    readonly modelId: string,
    private readonly host: LocalModelHost,
  ) {}

  async doGenerate(options: TextCallOptions): Promise<TextGenerateResult> {
    const stopKeepingAlive = keepAlive(options.onActivity);
    try {
      const { pooled, name, warnings } = await this.host.load(this.modelId, "text", options.signal);
      const prepared = await prepareGeneration(pooled, options, name);
      const result = await prepared.run(() => {}, options.signal);
      return {
        ...result,
        warnings: [...warnings, ...prepared.warnings],
        response: { modelId: name },
      };
    } finally {
      stopKeepingAlive();
    }
  }

  async doStream(options: TextCallOptions): Promise<AsyncIterable<TextStreamPart>> {
    const stopKeepingAlive = keepAlive(options.onActivity);
    const loaded = await this.host.load(this.modelId, "text", options.signal).catch((error) => {
      stopKeepingAlive();
      throw error;
    });
    const { pooled, name } = loaded;
    const prepared = await prepareGeneration(pooled, options, name).catch((error) => {
      stopKeepingAlive();
      throw error;
    });
    // The consumer leaving the loop early stops the generation too.
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    const channel = new AsyncChannel<TextStreamPart>(() => stop.abort());
    channel.push({
      type: "start",
      warnings: [...loaded.warnings, ...prepared.warnings],
      response: { modelId: name },
    });
    prepared
      .run((delta) => channel.push({ type: "text-delta", delta }), signal)
      .then(
        (result) => {
          channel.push({ type: "finish", finishReason: result.finishReason, usage: result.usage });
          channel.close();
        },
        (error: unknown) => channel.close(error),
      )
      .finally(stopKeepingAlive);
    return channel;
  }
}
