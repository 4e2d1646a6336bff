import type { Provider } from "../../spec/index.js";
import { listCheckpoints } from "./a1111-checkpoints.js";
import { A1111Client, type A1111Settings } from "./a1111-client.js";
import { A1111ImageModel } from "./a1111-image-model.js";

export type { A1111Settings } from "./a1111-client.js";

/** The WebUI provider: images, plus the checkpoints and samplers the server has. */
export interface A1111Provider extends Provider {
  imageModel(modelId: string): A1111ImageModel;
  /** Checkpoint titles, e.g. `"v1-5-pruned-emaonly.safetensors [6ce0161689]"`. */
  listModels(options?: { signal?: AbortSignal }): Promise<string[]>;
  /** Sampler names for `providerOptions.a1111.sampler_name`, e.g. `"DPM++ 2M"`. */
  listSamplers(options?: { signal?: AbortSignal }): Promise<string[]>;
}

/** AUTOMATIC1111 / Forge WebUI started with `--api`. */
export function createA1111(settings: A1111Settings = {}): A1111Provider {
  const client = new A1111Client(settings);
  return {
    id: "a1111",
    imageModel: (modelId) => new A1111ImageModel(modelId, client),
    async listModels(options) {
      const checkpoints = await listCheckpoints(client, options?.signal);
      return checkpoints.map((checkpoint) => checkpoint.title);
    },
    async listSamplers(options) {
      const samplers = await client.get<{ name: string }[]>("/sdapi/v1/samplers", options?.signal);
      return samplers.map((sampler) => sampler.name);
    },
  };
}
