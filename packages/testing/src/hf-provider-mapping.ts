import { looksLikeEmbeddingModel } from "./embedding-model-name.js";

/** A Hub pipeline task, as used in inference provider mappings. */
export type HuggingFaceTask = "conversational" | "feature-extraction" | (string & {});

const imageToImageName = /kontext|pix2pix|img2img|image-to-image|refiner|edit/i;
const textToImageName =
  /flux|stable-diffusion|sdxl|sd-?\d|diffusion|kolors|playground|hidream|qwen-image/i;

/**
 * The task the fake Hub reports for a model: configured, else guessed from its name
 * (`FLUX.1-Kontext-dev` → image-to-image, `FLUX.1-schnell` or `stable-diffusion-…` →
 * text-to-image, embedding names → feature-extraction, anything else → conversational).
 */
export function taskForModel(modelId: string, tasks: Record<string, HuggingFaceTask> = {}) {
  if (tasks[modelId]) return tasks[modelId];
  if (looksLikeEmbeddingModel(modelId)) return "feature-extraction";
  if (imageToImageName.test(modelId)) return "image-to-image";
  if (textToImageName.test(modelId)) return "text-to-image";
  return "conversational";
}

/**
 * The body of `GET /api/models/<id>`: with `expand[]=inferenceProviderMapping`, the id and an
 * array mapping to `hf-inference`; otherwise a short model card.
 */
export function hubModelInfo(modelId: string, task: HuggingFaceTask, expanded: boolean) {
  const head = { _id: `fake-${modelId}`, id: modelId };
  if (!expanded) {
    return { ...head, modelId, pipeline_tag: task, tags: [task], library_name: "transformers" };
  }
  return {
    ...head,
    inferenceProviderMapping: [
      { provider: "hf-inference", providerId: modelId, status: "live", task },
    ],
  };
}
