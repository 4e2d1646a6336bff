import { looksLikeEmbeddingModel } from "./embedding-model-name.js";

/** A Hub pipeline task, as used in inference provider mappings. */
export type HuggingFaceTask = "conversational" | "feature-extraction" | (string & {});

/** One Inference Provider serving a model, as the Hub lists it. */
export interface HuggingFaceProviderEntry {
  provider: string;
  /** The provider's own id for the model; defaults to the Hub id. */
  providerId?: string;
}

const imageToImageName = /kontext|pix2pix|img2img|image-to-image|refiner|edit/i;
const textToImageName =
  /flux|stable-diffusion|sdxl|sd-?\d|diffusion|kolors|playground|hidream|qwen-image/i;
const textToSpeechName = /kokoro|tts|speecht5|bark|vits|parler|xtts|f5-/i;
const textToAudioName = /musicgen|stable-audio|audioldm|ace-?step|riffusion|mmaudio/i;
const imageToVideoName = /I2V|image-to-video/i;
const textToVideoName = /T2V|text-to-video/i;

/** Where the fake Hub says audio models are served, unless a test says otherwise. */
const defaultAudioProviders: Record<string, HuggingFaceProviderEntry[]> = {
  "hexgrad/Kokoro-82M": [{ provider: "fal-ai", providerId: "fal-ai/kokoro/american-english" }],
  "stabilityai/stable-audio-open-1.0": [{ provider: "fal-ai", providerId: "fal-ai/stable-audio" }],
  "ACE-Step/ACE-Step-v1-3.5B": [{ provider: "fal-ai", providerId: "fal-ai/ace-step" }],
  "Wan-AI/Wan2.2-T2V-A14B": [
    { provider: "fal-ai", providerId: "fal-ai/wan/v2.2-a14b/text-to-video" },
  ],
  "Wan-AI/Wan2.2-I2V-A14B": [
    { provider: "fal-ai", providerId: "fal-ai/wan/v2.2-a14b/image-to-video" },
  ],
};

/**
 * The task the fake Hub reports for a model: configured, else guessed from its name
 * (`FLUX.1-Kontext-dev` → image-to-image, `FLUX.1-schnell` or `stable-diffusion-…` →
 * text-to-image, `Kokoro-82M` → text-to-speech, `musicgen-small` → text-to-audio, embedding
 * names → feature-extraction, anything else → conversational).
 */
export function taskForModel(modelId: string, tasks: Record<string, HuggingFaceTask> = {}) {
  if (tasks[modelId]) return tasks[modelId];
  if (looksLikeEmbeddingModel(modelId)) return "feature-extraction";
  if (textToAudioName.test(modelId)) return "text-to-audio";
  if (imageToVideoName.test(modelId)) return "image-to-video";
  if (textToVideoName.test(modelId)) return "text-to-video";
  if (imageToImageName.test(modelId)) return "image-to-image";
  if (textToImageName.test(modelId)) return "text-to-image";
  if (textToSpeechName.test(modelId)) return "text-to-speech";
  return "conversational";
}

/** The providers the fake Hub lists for a model, first one first: configured, else hf-inference. */
export function providersForModel(
  modelId: string,
  providers: Record<string, HuggingFaceProviderEntry[]> = {},
): HuggingFaceProviderEntry[] {
  return providers[modelId] ?? defaultAudioProviders[modelId] ?? [{ provider: "hf-inference" }];
}

/**
 * The body of `GET /api/models/<id>`: with `expand[]=inferenceProviderMapping`, the id and an
 * array of the providers serving it; otherwise a short model card.
 */
export function hubModelInfo(
  modelId: string,
  task: HuggingFaceTask,
  expanded: boolean,
  providers: HuggingFaceProviderEntry[] = [{ provider: "hf-inference" }],
) {
  const head = { _id: `fake-${modelId}`, id: modelId };
  if (!expanded) {
    return { ...head, modelId, pipeline_tag: task, tags: [task], library_name: "transformers" };
  }
  return {
    ...head,
    inferenceProviderMapping: providers.map((entry) => ({
      provider: entry.provider,
      providerId: entry.providerId ?? modelId,
      status: "live",
      task,
    })),
  };
}
