import type { Warning } from "@path/core/spec";
import type { PooledModel } from "./model-pool.js";

/** What the text and embedding models need from their provider: a loaded model for an id. */
export interface LocalModelHost {
  load(
    modelId: string,
    job: "text" | "embed",
    signal: AbortSignal | undefined,
  ): Promise<{
    pooled: PooledModel;
    name: string;
    /** Provider settings that had no effect on the model as loaded. */
    warnings: Warning[];
  }>;
}
