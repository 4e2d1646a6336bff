import { looksLikeEmbeddingModel } from "./embedding-model-name.js";

/** A Hub pipeline task, as used in inference provider mappings. */
export type HuggingFaceTask = "conversational" | "feature-extraction" | (string & {});

/** The task the fake Hub reports for a model: configured, else guessed from its name. */
export function taskForModel(modelId: string, tasks: Record<string, HuggingFaceTask> = {}) {
  return (
    tasks[modelId] ?? (looksLikeEmbeddingModel(modelId) ? "feature-extraction" : "conversational")
  );
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
