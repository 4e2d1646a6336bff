import type { Provider } from "../../spec/index.js";
import { listComfyCheckpoints } from "./comfyui-checkpoints.js";
import { ComfyUIClient, type ComfyUISettings } from "./comfyui-client.js";
import { ComfyUIImageModel } from "./comfyui-image-model.js";
import { ComfyUIVideoModel } from "./comfyui-video-model.js";
import { ComfyVideoProgress } from "./comfyui-video-progress.js";

export type { ComfyUISettings } from "./comfyui-client.js";
export type { ComfyUIOptions } from "./comfyui-workflow.js";

/** The ComfyUI provider: images, plus the checkpoint files the server has. */
export interface ComfyUIProvider extends Provider {
  imageModel(modelId: string): ComfyUIImageModel;
  /** `wan2.2-t2v`, `wan2.2-i2v`, or the path of an API-format workflow file (`./my-workflow.json`). */
  videoModel(modelId: string): ComfyUIVideoModel;
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
  const videoProgress = new ComfyVideoProgress(client);
  return {
    id: "comfyui",
    imageModel: (modelId) => new ComfyUIImageModel(modelId, client, cachedCheckpoints),
    videoModel: (modelId) => new ComfyUIVideoModel(modelId, client, videoProgress),
    listModels: (options) => listComfyCheckpoints(client, options?.signal),
  };
}
