import { InvalidInputError } from "../../errors.js";
import type { A1111Client } from "./a1111-client.js";

/** One entry of `GET /sdapi/v1/sd-models`. */
export interface A1111Checkpoint {
  /** `"name.safetensors [hash]"`: the value `sd_model_checkpoint` takes. */
  title: string;
  model_name: string;
  hash?: string | null;
  filename?: string;
}

export function listCheckpoints(client: A1111Client, signal?: AbortSignal) {
  return client.get<A1111Checkpoint[]>("/sdapi/v1/sd-models", signal);
}

/**
 * The `sd_model_checkpoint` title for a model id the way a person writes it: the title, the
 * file name with or without extension, or the short hash. Unknown → an error listing them.
 */
export function checkpointTitle(checkpoints: A1111Checkpoint[], modelId: string): string {
  const wanted = modelId.trim().toLowerCase();
  const names = (checkpoint: A1111Checkpoint) => {
    const file = checkpoint.filename?.split(/[\\/]/).pop() ?? "";
    return [
      checkpoint.title,
      checkpoint.title.replace(/\s*\[[0-9a-f]+\]$/i, ""),
      checkpoint.model_name,
      file,
      file.replace(/\.[^.]+$/, ""),
      checkpoint.hash ?? "",
    ].map((name) => name.toLowerCase());
  };
  const found = checkpoints.find((checkpoint) => names(checkpoint).includes(wanted));
  if (found) return found.title;
  const known = checkpoints.map((checkpoint) => checkpoint.title);
  throw new InvalidInputError(
    `The WebUI has no checkpoint "${modelId}". ` +
      (known.length
        ? `It has: ${known.slice(0, 20).join(", ")}. Use one of those, or "a1111:default" for the one loaded now.`
        : "It has none: put a .safetensors file in models/Stable-diffusion and press the refresh button."),
  );
}
