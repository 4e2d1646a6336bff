import type { MusicModel, SpeechModel } from "./audio-model.js";
import type { EmbeddingModel } from "./embedding-model.js";
import type { ImageModel } from "./image-model.js";
import type { TextModel } from "./text-model.js";
import type { VideoModel } from "./video-model.js";

/** The six jobs a provider can serve. */
export type Job = "text" | "embed" | "image" | "speech" | "music" | "video";

/**
 * A provider hands out models per job. A job it does not serve is simply absent.
 * Factories are cheap and synchronous; the client library is created on first call.
 */
export interface Provider {
  /** The id users write before the colon: `"openai"` in `"openai:gpt-4o-mini"`. */
  readonly id: string;
  textModel?(modelId: string): TextModel;
  embeddingModel?(modelId: string): EmbeddingModel;
  imageModel?(modelId: string): ImageModel;
  speechModel?(modelId: string): SpeechModel;
  musicModel?(modelId: string): MusicModel;
  videoModel?(modelId: string): VideoModel;
  /** The models the provider offers, where it can list them (Ollama's pulled models, …). */
  listModels?(options?: { signal?: AbortSignal }): Promise<string[]>;
}
