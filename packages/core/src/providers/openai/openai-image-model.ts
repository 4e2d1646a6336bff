import type {
  ImageEditParamsNonStreaming,
  ImageGenerateParamsNonStreaming,
  ImagesResponse,
} from "openai/resources/images";
import { ApiCallError, InvalidInputError, InvalidResponseError } from "../../errors.js";
import { extensionFor } from "../../media/sniff.js";
import type {
  ImageCallOptions,
  ImageGenerateResult,
  ImageModel,
  MediaData,
  Warning,
} from "../../spec/index.js";
import { describeUnexpected } from "./describe-unexpected.js";
import { nearestSize, type OpenAIImageFamily, openAIImageFamily } from "./openai-image-sizes.js";
import type { OpenAIClientHolder } from "./openai-provider.js";

/**
 * `images.generate`, and `images.edit` when there is an init image (multipart, the file sent
 * with the SDK's `toFile`). GPT image models answer base64; dall-e models are asked for base64
 * too, and a `url` answer (a server that ignores `response_format`) is downloaded.
 */
export class OpenAIImageModel implements ImageModel {
  readonly specVersion = "v1";
  readonly provider: string;
  readonly maxImagesPerCall: number;
  private readonly family: OpenAIImageFamily;

  constructor(
    readonly modelId: string,
    private readonly holder: OpenAIClientHolder,
  ) {
    this.provider = holder.preset.id;
    this.family = openAIImageFamily(modelId);
    this.maxImagesPerCall = this.family.maxImagesPerCall;
  }

  async doGenerate(options: ImageCallOptions): Promise<ImageGenerateResult> {
    const warnings = this.unsupported(options);
    const body = {
      model: this.modelId,
      prompt: options.prompt,
      n: options.n,
      size: this.size(options, warnings),
      ...(this.family.alwaysBase64 ? {} : { response_format: "b64_json" as const }),
      ...options.providerOptions?.[this.provider],
    };
    const request = { signal: options.signal, headers: options.headers };
    const client = await this.holder.get();
    let response: ImagesResponse;
    if (options.image) {
      if (!this.family.canEdit) {
        throw new InvalidInputError(
          `${this.provider}:${this.modelId} cannot draw from an init image; use ${this.provider}:gpt-image-1 or ${this.provider}:dall-e-2 for image-to-image.`,
        );
      }
      const { toFile } = await import("openai");
      const mediaType = options.image.mediaType ?? "image/png";
      const image = await toFile(
        Buffer.from(options.image.data),
        `image.${extensionFor(mediaType)}`,
        { type: mediaType },
      );
      response = await client.images.edit(
        { ...body, image } as ImageEditParamsNonStreaming,
        request,
      );
    } else {
      response = await client.images.generate(body as ImageGenerateParamsNonStreaming, request);
    }
    // The client hands back a plain string when the server answers 200 with a non-JSON body.
    if (typeof response !== "object" || !Array.isArray(response?.data)) {
      throw new InvalidResponseError(this.provider, describeUnexpected(response));
    }
    const images = await Promise.all(
      response.data.map((item) => this.imageData(item, options.signal)),
    );
    const parameters: Record<string, string | number> = {};
    if (response.quality) parameters.quality = response.quality;
    return {
      images,
      warnings,
      response: {
        modelId: this.modelId,
        revisedPrompt: response.data[0]?.revised_prompt ?? undefined,
        parameters,
      },
    };
  }

  /** The size to send: the nearest one the model accepts, with a warning when it differs. */
  private size(options: ImageCallOptions, warnings: Warning[]): string | undefined {
    if (!options.size) return undefined;
    const wanted = `${options.size.width}x${options.size.height}`;
    const { sizes } = this.family;
    if (!sizes) return wanted;
    const chosen = nearestSize(options.size.width, options.size.height, sizes);
    const ratio = options.aspectRatio ? ` (${options.aspectRatio})` : "";
    if (chosen !== wanted) {
      warnings.push({
        type: "unsupported-setting",
        setting: "size",
        message: `${this.modelId} makes only ${sizes.join(", ")} images; ${wanted}${ratio} became ${chosen}.`,
      });
    }
    return chosen;
  }

  private unsupported(options: ImageCallOptions): Warning[] {
    const warnings: Warning[] = [];
    const warn = (setting: string, message: string) =>
      warnings.push({ type: "unsupported-setting", setting, message });
    const name = `${this.provider}:${this.modelId}`;
    if (options.negativePrompt) {
      warn(
        "negativePrompt",
        `${name} takes no negative prompt; say what you want instead ("a clear sky" rather than "no clouds").`,
      );
    }
    if (options.seed !== undefined) {
      warn(
        "seed",
        `${name} takes no seed, so the same prompt gives a different picture each time.`,
      );
    }
    if (options.steps !== undefined) warn("steps", `${name} takes no sampling steps.`);
    if (options.guidance !== undefined) {
      warn("guidance", `${name} takes no guidance (CFG) scale.`);
    }
    if (options.strength !== undefined && options.image) {
      warn(
        "strength",
        `${name} takes no strength; to keep more of the init image set providerOptions.${this.provider}.input_fidelity to "high" (gpt-image-1).`,
      );
    }
    return warnings;
  }

  private async imageData(
    item: { b64_json?: string; url?: string },
    signal: AbortSignal | undefined,
  ): Promise<MediaData> {
    if (item.b64_json) return { data: Buffer.from(item.b64_json, "base64") };
    if (item.url?.startsWith("data:")) {
      return { data: Buffer.from(item.url.slice(item.url.indexOf(",") + 1), "base64") };
    }
    if (!item.url) {
      throw new InvalidResponseError(this.provider, "an image entry had neither b64_json nor url");
    }
    // Image URLs are signed blob links: fetched without the API key, never shown in errors.
    const response = await this.holder.fetch(item.url, { signal });
    if (!response.ok) {
      throw new ApiCallError({
        provider: this.provider,
        status: response.status,
        message: "downloading the generated image failed (its link may have expired)",
      });
    }
    return {
      data: new Uint8Array(await response.arrayBuffer()),
      mediaType: response.headers.get("content-type") ?? undefined,
    };
  }
}
