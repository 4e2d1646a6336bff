/**
 * @path/core — one interface for text, embedding, image, speech, music and video generation
 * across providers. Importing it loads no provider client; each loads on first use.
 */
export type { CallOptions } from "./call.js";
export { closestMatch } from "./closest-match.js";
export { loadApiKey, readSetting, reloadSettings } from "./config.js";
export {
  type DownloadFileOptions,
  type DownloadFileResult,
  type DownloadHints,
  type DownloadProgress,
  defaultOfflineHint,
  downloadFile,
  modelCacheDir,
  type OpenResponseOptions,
  openResponse,
  sha256OfFile,
} from "./download/index.js";
export { cosineSimilarity, type EmbedOptions, type EmbedResult, embed } from "./embed/embed.js";
export * from "./errors.js";
export {
  type Cost,
  type EventListener,
  emitEvent,
  newCallId,
  onEvent,
  type PathEvent,
} from "./events.js";
export {
  followFineTune,
  record as recordFineTune,
  type StartFineTuneOptions,
  splitModel,
  startFineTune,
} from "./finetune/fine-tune-job.js";
export {
  FineTuningApi,
  type FineTuningEvent,
  type FineTuningJobView,
} from "./finetune/fine-tuning-api.js";
export {
  GeneratedImage,
  type GenerateImageOptions,
  type GenerateImageResult,
  generateImage,
  type ImageRequestSettings,
} from "./image/generate-image.js";
export {
  type ImageDimensions,
  parseAspectRatio,
  parseSize,
  sizeForAspectRatio,
} from "./image/image-size-options.js";
export {
  hasPromptFlags,
  type PromptFlagName,
  type PromptFlags,
  parsePromptFlags,
  stylizeToGuidance,
} from "./image/prompt-flags.js";
export {
  formatWebuiParameters,
  type ParsedWebuiParameters,
  parseWebuiParameters,
  type WebuiParameters,
  webuiParametersFor,
} from "./image/webui-parameters.js";
export {
  DurableJob,
  InterruptedSubmitError,
  type OpenJobOptions,
} from "./jobs/durable-job.js";
export { finishedStates, type JobRecord, type JobState } from "./jobs/job-record.js";
export { FileJobStore, type JobStore, JobStoreError } from "./jobs/job-store.js";
export { jobsDir } from "./jobs/jobs-dir.js";
export { requestKey } from "./jobs/request-key.js";
export { GeneratedMedia } from "./media/generated-media.js";
export { imageSize } from "./media/image-size.js";
export { addPngText, readPngText } from "./media/png-text.js";
export { saveFileAtomically } from "./media/save-file.js";
export { extensionFor, sniffMediaType } from "./media/sniff.js";
export {
  type GenerateMusicOptions,
  type GenerateMusicResult,
  generateMusic,
} from "./music/generate-music.js";
export { type Price, setPrices } from "./prices.js";
export {
  type A1111Provider,
  type A1111Settings,
  createA1111,
} from "./providers/a1111/a1111-provider.js";
export {
  type ComfyUIOptions,
  type ComfyUIProvider,
  type ComfyUISettings,
  createComfyUI,
} from "./providers/comfyui/comfyui-provider.js";
export {
  createGradio,
  type GradioOptions,
  type GradioProvider,
  type GradioSettings,
} from "./providers/gradio/gradio-provider.js";
export { createHuggingFace, type HuggingFaceSettings } from "./providers/hf/hf-provider.js";
export {
  createKling,
  type KlingSettings,
  klingDefaultBaseURL,
} from "./providers/kling/kling-provider.js";
export {
  createMiniMax,
  type MiniMaxSettings,
  miniMaxDefaultBaseURL,
} from "./providers/minimax/minimax-provider.js";
export { createOllama, type OllamaSettings } from "./providers/ollama/ollama-provider.js";
export {
  createOpenAICompatible,
  type OpenAICompatibleSettings,
} from "./providers/openai/openai-provider.js";
export {
  type OpenAICompatiblePreset,
  openAICompatiblePresets,
} from "./providers/openai/presets.js";
export {
  createRunway,
  type RunwaySettings,
  runwayDefaultBaseURL,
} from "./providers/runway/runway-provider.js";
export { findCommand } from "./providers/system/find-command.js";
export { createSystem } from "./providers/system/system-provider.js";
export { proxyAwareFetch } from "./proxy-fetch.js";
export { redactSecrets } from "./redact.js";
export {
  defaultModelVariables,
  defaultProviderFor,
  getProviderEntry,
  type ProviderEntry,
  parseModelString,
  providerEntries,
  registerProvider,
  resolveModel,
} from "./registry.js";
export { backoffDelay, type RetryOptions, withRetry } from "./retry.js";
export type * from "./spec/index.js";
export { type DecodedAudio, decodeAudio } from "./speech/decode-audio.js";
export {
  type GenerateSpeechOptions,
  type GenerateSpeechResult,
  generateSpeech,
  speechSpeedRange,
} from "./speech/generate-speech.js";
export { GeneratedAudio } from "./speech/generated-audio.js";
export { readReferenceAudio } from "./speech/reference-audio.js";
export {
  type GenerateTextOptions,
  type GenerateTextResult,
  generateText,
} from "./text/generate-text.js";
export type { PromptOptions } from "./text/prompt.js";
export type { OutputSchema, ZodLikeSchema } from "./text/schema.js";
export {
  type StreamTextFinal,
  type StreamTextOptions,
  type StreamTextResult,
  streamText,
} from "./text/stream-text.js";
export { estimateTokens } from "./tokens.js";
export { type DecodedVideo, decodeVideo } from "./video/decode-video.js";
export {
  downloadVideo,
  findVideoJob,
  type GenerateVideoOptions,
  type GenerateVideoResult,
  generateVideo,
  getVideoStatus,
  listVideoJobs,
  resumeVideo,
  type StartVideoResult,
  startVideo,
  type VideoCostQuestion,
  type VideoJob,
  type VideoJobOptions,
} from "./video/generate-video.js";
export { GeneratedVideo } from "./video/generated-video.js";
export { shortKey, type VideoProgress } from "./video/video-job.js";
export { checkVideoBudget, estimateVideoCost, setVideoPrices } from "./video/video-prices.js";
