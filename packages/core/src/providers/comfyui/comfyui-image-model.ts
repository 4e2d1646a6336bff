import { createHash, randomUUID } from "node:crypto";
import { InvalidResponseError, JobFailedError } from "../../errors.js";
import { extensionFor, sniffMediaType } from "../../media/sniff.js";
import type {
  ImageCallOptions,
  ImageGenerateResult,
  ImageModel,
  MediaData,
  Warning,
} from "../../spec/index.js";
import { cancelPrompt } from "./comfyui-cancel.js";
import { pickCheckpoint } from "./comfyui-checkpoints.js";
import type { ComfyUIClient } from "./comfyui-client.js";
import { fillPlaceholders } from "./comfyui-placeholders.js";
import { ComfySocket } from "./comfyui-socket.js";
import { outputImages, waitForPrompt } from "./comfyui-wait.js";
import { type ComfyUIOptions, planWorkflow, workflowValues } from "./comfyui-workflow.js";

/** Stable Diffusion through a ComfyUI server: built-in or user workflows with placeholders. */
export class ComfyUIImageModel implements ImageModel {
  readonly specVersion = "v1";
  readonly provider = "comfyui";
  /** One picture per prompt, so the seed reported reproduces each picture on its own. */
  readonly maxImagesPerCall = 1;
  /** Stable Diffusion works on 8x8 latent cells: sizes made from a ratio keep it exactly at step 8. */
  readonly sizeStep = 8;

  constructor(
    readonly modelId: string,
    private readonly client: ComfyUIClient,
    private readonly checkpoints: (signal?: AbortSignal) => Promise<string[]>,
  ) {}

  async doGenerate(options: ImageCallOptions): Promise<ImageGenerateResult> {
    const comfy = (options.providerOptions?.comfyui ?? {}) as ComfyUIOptions;
    const plan = await planWorkflow(options, comfy);
    const { values, warnings } = workflowValues(options, comfy);
    warnings.unshift(...plan.warnings);
    if (plan.uses.has("checkpoint")) {
      values.checkpoint ??= pickCheckpoint(await this.checkpoints(options.signal), this.modelId);
    } else if (this.modelId !== "default") {
      warnings.push(ownCheckpointWarning(this.modelId));
    }
    if (plan.uses.has("image") && options.image) {
      values.image = await this.client.uploadImage(
        options.image.data,
        uploadName(options.image),
        options.signal,
      );
    }
    const workflow = fillPlaceholders(plan.template, values);
    const clientId = randomUUID();
    const socket = this.client.settings.webSocket
      ? await ComfySocket.open(this.client, clientId, options.onProgress)
      : undefined;
    try {
      const promptId = await this.client.queuePrompt(
        { prompt: workflow, client_id: clientId },
        options.signal,
        options.headers,
      );
      options.onProgress?.({ message: "queued" });
      const images = await this.finish(promptId, socket, options).catch(async (error) => {
        // Abandoned (abort, deadline, a broken reply): don't leave it running for nobody.
        if (!(error instanceof JobFailedError)) await cancelPrompt(this.client, promptId);
        throw error;
      });
      return {
        images: images.slice(0, options.n),
        warnings,
        response: {
          id: promptId,
          seed: plan.uses.has("seed") ? Number(values.seed) : undefined,
          modelId: typeof values.checkpoint === "string" ? values.checkpoint : undefined,
          parameters: parametersOf(values, plan.uses),
        },
      };
    } finally {
      socket?.close();
    }
  }

  private async finish(
    promptId: string,
    socket: ComfySocket | undefined,
    options: ImageCallOptions,
  ): Promise<MediaData[]> {
    const entry = await waitForPrompt(this.client, socket, promptId, options.signal);
    const files = outputImages(entry);
    if (files.length === 0) {
      throw new InvalidResponseError(
        "comfyui",
        `prompt ${promptId} finished without saving an image (does the workflow end in SaveImage?)`,
      );
    }
    const images: MediaData[] = [];
    for (const file of files.slice(0, options.n)) {
      images.push({ data: await this.client.view(file, options.signal) });
    }
    return images;
  }
}

function ownCheckpointWarning(modelId: string): Warning {
  return {
    type: "other",
    setting: "model",
    message: `The ComfyUI workflow has no {{checkpoint}} placeholder, so it loads its own checkpoint, not "${modelId}".`,
  };
}

/** A stable name, so uploading the same picture twice reuses one file on the server. */
function uploadName(image: MediaData): string {
  const hash = createHash("sha256").update(image.data).digest("hex").slice(0, 16);
  return `genai-path-${hash}.${extensionFor(sniffMediaType(image.data) ?? "image/png")}`;
}

function parametersOf(values: Record<string, string | number>, uses: Set<string>) {
  const parameters: Record<string, string | number> = {};
  const keep = ["checkpoint", "sampler_name", "scheduler", "steps", "cfg", "denoise"] as const;
  for (const key of keep)
    if (uses.has(key) && values[key] !== undefined) parameters[key] = values[key];
  return parameters;
}
