import { InvalidResponseError } from "../../errors.js";
import type {
  ImageCallOptions,
  ImageGenerateResult,
  ImageModel,
  MediaData,
} from "../../spec/index.js";
import { type GradioApi, pickEndpoint } from "./gradio-endpoint.js";
import { gradioInputs } from "./gradio-inputs.js";
import { gradioOutputs } from "./gradio-outputs.js";
import { progressFromStatus } from "./gradio-progress.js";
import type { GradioSession } from "./gradio-session.js";

/** `providerOptions.gradio`. */
export interface GradioOptions {
  /** The endpoint to call, e.g. `"/infer"`; default: found from the app's API. */
  endpoint?: string;
  /** Values for the endpoint's inputs by parameter name; they win over the mapped options. */
  inputs?: Record<string, unknown>;
}

/** An image from any Gradio app: a Hugging Face Space or a URL, endpoint found by its API. */
export class GradioImageModel implements ImageModel {
  readonly specVersion = "v1";
  readonly provider = "gradio";
  /** Spaces make one picture per job; core repeats the call (with seed + i) for more. */
  readonly maxImagesPerCall = 1;

  constructor(
    readonly modelId: string,
    private readonly session: GradioSession,
    private readonly endpoint?: string,
  ) {}

  doGenerate(options: ImageCallOptions): Promise<ImageGenerateResult> {
    const gradio = (options.providerOptions?.gradio ?? {}) as GradioOptions;
    const { session } = this;
    return session.within(options, async (context) => {
      const client = await session.connect(context);
      const api = (await client.view_api()) as unknown as GradioApi;
      const { name, info } = pickEndpoint(api, {
        wanted: gradio.endpoint ?? this.endpoint,
        wantsImageInput: options.image !== undefined,
        appURL: session.appURL,
      });
      const { data, warnings } = gradioInputs(name, info.parameters, options, gradio.inputs);
      const output = await session.run(client, name, data, context, (status) => {
        const progress = progressFromStatus(status);
        if (progress) options.onProgress?.(progress);
      });
      const { files, seed } = gradioOutputs(output, info.returns);
      if (files.length === 0) {
        throw new InvalidResponseError("gradio", `${name} of ${session.appURL} returned no image`);
      }
      const images: MediaData[] = [];
      for (const file of files.slice(0, options.n)) {
        images.push({ data: await session.download(file, context) });
      }
      const seedIgnored = warnings.some((warning) => warning.setting === "seed");
      return {
        images,
        warnings,
        response: {
          seed: seed ?? (seedIgnored ? undefined : options.seed),
          modelId: this.modelId,
          parameters: { endpoint: name },
        },
      };
    });
  }
}
