import { randomInt } from "node:crypto";
import { InvalidInputError } from "../../errors.js";
import type { ImageCallOptions, ImageGenerateResult, ImageModel } from "../../spec/index.js";
import type { HfClientHolder } from "./hf-provider.js";

/**
 * `textToImage`, and `imageToImage` with an init image, through Inference Providers. One image
 * per call (core batches). When no seed is given one is chosen here and sent, so every picture
 * can be made again from the seed saved with it.
 */
export class HfImageModel implements ImageModel {
  readonly specVersion = "v1";
  readonly provider = "hf";
  readonly maxImagesPerCall = 1;

  constructor(
    readonly modelId: string,
    private readonly holder: HfClientHolder,
  ) {}

  async doGenerate(options: ImageCallOptions): Promise<ImageGenerateResult> {
    const seed = options.seed ?? randomInt(0, 2 ** 31);
    const shared = {
      negative_prompt: options.negativePrompt,
      num_inference_steps: options.steps,
      guidance_scale: options.guidance,
      seed,
    };
    let blob: Blob;
    try {
      const provider = await this.holder.providerFor(this.modelId, options.signal);
      const base = { model: this.modelId, provider: provider as "auto" };
      blob = await this.holder.call(options.signal, (client, callOptions) => {
        if (options.image) {
          const { data, mediaType } = options.image;
          return client.imageToImage(
            {
              ...base,
              inputs: new Blob([Buffer.from(data)], { type: mediaType ?? "image/png" }),
              parameters: {
                ...shared,
                prompt: options.prompt,
                strength: options.strength,
                target_size: options.size,
              },
              ...options.providerOptions?.hf,
            },
            callOptions,
          );
        } else {
          return client.textToImage(
            {
              ...base,
              inputs: options.prompt,
              parameters: { ...shared, width: options.size?.width, height: options.size?.height },
              ...options.providerOptions?.hf,
            },
            { ...callOptions, outputType: "blob" },
          );
        }
      });
    } catch (error) {
      throw this.explainTask(error, options);
    }
    return {
      images: [{ data: new Uint8Array(await blob.arrayBuffer()), mediaType: blob.type }],
      warnings: [],
      response: { modelId: this.modelId, seed },
    };
  }

  /** The client refuses a model whose Hub task is not the one asked for; say which model to use. */
  private explainTask(error: unknown, options: ImageCallOptions): unknown {
    const message = (error as Error)?.message ?? "";
    if (!/is not supported for task/.test(message)) return error;
    const suggestion = options.image
      ? "an image-to-image model such as hf:black-forest-labs/FLUX.1-Kontext-dev"
      : "a text-to-image model such as hf:black-forest-labs/FLUX.1-schnell";
    return new InvalidInputError(
      `hf:${this.modelId} cannot do ${options.image ? "image-to-image" : "text-to-image"}; use ${suggestion}.`,
    );
  }
}
