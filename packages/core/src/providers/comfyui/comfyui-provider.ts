import type { Provider } from "../../spec/index.js";
import { listComfyCheckpoints } from "./comfyui-checkpoints.js";
import { ComfyUIClient, type ComfyUISettings } from "./comfyui-client.js";
import { ComfyUIImageModel } from "./comfyui-image-model.js";

export type { ComfyUISettings } from "./comfyui-client.js";
export type { ComfyUIOptions } from "./comfyui-workflow.js";

/** The ComfyUI provider: images, plus the checkpoint files the server has. */
export interface ComfyUIProvider extends Provider {
  imageModel(modelId: string): ComfyUIImageModel;
  /** Checkpoint file names from `/object_info/CheckpointLoaderSimple`. */
  listModels(options?: { signal?: AbortSignal }): Promise<string[]>;
}

/** A ComfyUI server (local or remote): `comfyui:<checkpoint file>` or `comfyui:default`. */
export function createComfyUI(settings: ComfyUISettings = {}): ComfyUIProvider {
  const client = new ComfyUIClient(settings);
  // Checkpoints are listed once per provider; a failed listing is tried again next time.
  let checkpoints: Promise<string[]> | undefined;
  const cachedCheckpoints = (signal?: AbortSignal) => {
    checkpoints ??= listComfyCheckpoints(client, signal);
    checkpoints.catch(() => {
      checkpoints = undefined;
    });
    return checkpoints;
  };
  return {
    id: "comfyui",
    imageModel: (modelId) => new ComfyUIImageModel(modelId, client, cachedCheckpoints),
    listModels: (options) => listComfyCheckpoints(client, options?.signal),
  };
}
