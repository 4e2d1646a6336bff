import type { PooledModel } from "./model-pool.js";

/** What the text and embedding models need from their provider: a loaded model for an id. */
export interface LocalModelHost {
  load(
    modelId: string,
    signal: AbortSignal | undefined,
  ): Promise<{ pooled: PooledModel; name: string }>;
}
