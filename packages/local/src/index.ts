/**
 * @path/local — the embedded provider: open GGUF models run in this process through
 * llama.cpp (node-llama-cpp). Text with chat templates, streaming and JSON-schema output;
 * embeddings; speech from sherpa-onnx voices; a small catalog; verified, resumable downloads
 * into a shared cache.
 */
export { type CatalogModel, catalog, catalogDefaults, findCatalogModel } from "./catalog.js";
export { type CachedModel, findCachedModel } from "./find-cached-model.js";
export type { ModelDescription } from "./gguf/describe-model.js";
export { type GpuStatus, gpuStatus } from "./gpu/gpu-status.js";
export { findLlamaInstall } from "./gpu/llama-install.js";
export { inspectModelFile } from "./inspect-model-file.js";
export type { LocalSamplingOptions } from "./local-call-options.js";
export { LocalEmbeddingModel } from "./local-embedding-model.js";
export {
  createLocalProvider,
  type LocalProvider,
  type LocalProviderOptions,
} from "./local-provider.js";
export { LocalTextModel } from "./local-text-model.js";
export { checkAdapterFitsModel } from "./lora/check-adapter.js";
export {
  type LoraAdapter,
  type LoraGenerateOptions,
  type LoraModel,
  type LoraModelOptions,
  openLoraModel,
} from "./lora/lora-model.js";
export { type CachedFile, listCachedFiles } from "./model-cache.js";
export type { ResolvedModelFile, ResolveOptions } from "./model-files.js";
export { disposeLocalModels } from "./model-pool.js";
export { LocalSpeechModel } from "./speech/local-speech-model.js";
export {
  type CatalogVoice,
  defaultVoiceId,
  findCatalogVoice,
  voiceCatalog,
} from "./speech/voice-catalog.js";
