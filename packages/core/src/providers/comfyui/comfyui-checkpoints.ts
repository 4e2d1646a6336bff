import { InvalidInputError } from "../../errors.js";
import type { ComfyUIClient } from "./comfyui-client.js";

type ObjectInfo = Record<string, { input?: { required?: Record<string, unknown> } } | undefined>;

/**
 * The checkpoint files ComfyUI offers, from `/object_info/CheckpointLoaderSimple`. The combo
 * input is `[["a.safetensors", …], {…}]`, or `["COMBO", {options: […]}]` in newer builds.
 */
export async function listComfyCheckpoints(
  client: ComfyUIClient,
  signal?: AbortSignal,
): Promise<string[]> {
  const info = await client.get<ObjectInfo>("/object_info/CheckpointLoaderSimple", signal);
  const input = info.CheckpointLoaderSimple?.input?.required?.ckpt_name;
  if (!Array.isArray(input)) return [];
  const [first, second] = input as [unknown, unknown];
  const options = Array.isArray(first)
    ? first
    : (second as { options?: unknown } | undefined)?.options;
  return Array.isArray(options) ? options.filter((name) => typeof name === "string") : [];
}

/** The file for a model id: `default` = the first one; any other must be on the server. */
export function pickCheckpoint(checkpoints: string[], modelId: string): string {
  if (modelId === "default") {
    const first = checkpoints[0];
    if (first) return first;
    throw new InvalidInputError(
      "ComfyUI has no checkpoints: put a .safetensors file in ComfyUI/models/checkpoints (e.g. v1-5-pruned-emaonly.safetensors) and try again.",
    );
  }
  const wanted = modelId.toLowerCase();
  const found = checkpoints.find((name) => {
    const lower = name.toLowerCase();
    return lower === wanted || lower.replace(/\.[^./\\]+$/, "") === wanted;
  });
  if (found) return found;
  throw new InvalidInputError(
    `ComfyUI has no checkpoint "${modelId}". ` +
      (checkpoints.length
        ? `It has: ${checkpoints.slice(0, 20).join(", ")}; or use "comfyui:default" for the first.`
        : "It has none: put a .safetensors file in ComfyUI/models/checkpoints."),
  );
}
