export {
  answerChatCompletion,
  type ChatCompletionRequestBody,
  fakeCreated,
} from "./chat-completion.js";
export {
  defaultCivitaiModels,
  type FakeCivitaiFile,
  type FakeCivitaiModel,
  type FakeCivitaiVersion,
  fakeModelBytes,
} from "./civitai-catalog.js";
export {
  describeImageConformance,
  type ImageConformanceSubject,
} from "./conformance/image-conformance.js";
export {
  describeMusicConformance,
  type MusicConformanceSubject,
  type MusicSupport,
} from "./conformance/music-conformance.js";
export {
  describeSpeechConformance,
  type SpeechConformanceSubject,
  type SpeechSupport,
} from "./conformance/speech-conformance.js";
export {
  describeTextConformance,
  type TextConformanceSubject,
} from "./conformance/text-conformance.js";
export {
  describeVideoConformance,
  type VideoConformanceSubject,
  type VideoSupport,
} from "./conformance/video-conformance.js";
export { looksLikeEmbeddingModel } from "./embedding-model-name.js";
export { type FakeA1111Options, startFakeA1111 } from "./fake-a1111.js";
export {
  type FakeCivitai,
  type FakeCivitaiOptions,
  startFakeCivitai,
} from "./fake-civitai.js";
export {
  type FakeComfyUI,
  type FakeComfyUIOptions,
  startFakeComfyUI,
} from "./fake-comfyui.js";
export { type FakeDashScope, fakeDashScopeVoices, startFakeDashScope } from "./fake-dashscope.js";
export {
  type FakeElevenLabs,
  type FakeElevenLabsOptions,
  fakeElevenLabsVoices,
  startFakeElevenLabs,
} from "./fake-elevenlabs.js";
export { fakeEmbedding, float32Base64 } from "./fake-embedding.js";
export type { FakeExchange } from "./fake-exchange.js";
export { type FakeGradio, type FakeGradioOptions, startFakeGradio } from "./fake-gradio.js";
export {
  type FakeHuggingFace,
  type FakeHuggingFaceOptions,
  startFakeHuggingFace,
} from "./fake-hf.js";
export {
  type FakeHub,
  type FakeHubOptions,
  type HubFault,
  type HubRequest,
  startFakeHub,
} from "./fake-hub.js";
export { type FakeKling, type FakeKlingOptions, startFakeKling } from "./fake-kling.js";
export { checkKlingToken, type KlingAuthFailure } from "./fake-kling-auth.js";
export {
  type FakeMiniMax,
  type FakeMiniMaxOptions,
  fakeMiniMaxVoices,
  type MusicRequestBody,
  startFakeMiniMax,
} from "./fake-minimax.js";
export {
  type MiniMaxErrorKind,
  miniMaxEnvelope,
  miniMaxErrors,
  miniMaxFault,
} from "./fake-minimax-errors.js";
export { type FakeMp3Options, fakeMp3 } from "./fake-mp3.js";
export { type FakeMp4Options, fakeMp4 } from "./fake-mp4.js";
export { type FakeOllamaOptions, startFakeOllama } from "./fake-ollama.js";
export { type FakeOpenAI, type FakeOpenAIOptions, startFakeOpenAI } from "./fake-openai.js";
export { encodePng, fakeImage, fakeImageFor } from "./fake-png.js";
export {
  fakeReply,
  type ReplyFormat,
  replyFormatFromOllamaFormat,
  replyFormatFromResponseFormat,
} from "./fake-reply.js";
export {
  type FakeRunway,
  type FakeRunwayOptions,
  fakeRunwayVersion,
  startFakeRunway,
} from "./fake-runway.js";
export {
  type FakeHandler,
  type FakeServer,
  type FakeServerOptions,
  startFakeServer,
} from "./fake-server.js";
export {
  chunkText,
  echoReply,
  estimateTokens,
  graphemes,
  lastUserText,
  limitTokens,
  messageText,
} from "./fake-text.js";
export { type FakeWavOptions, fakeWav, wavRms } from "./fake-wav.js";
export type { FalQueueOptions } from "./fal-queue.js";
export type {
  CorruptBodyFault,
  CutBodyFault,
  CutStreamFault,
  Fault,
  FaultMatch,
  HangFault,
  LatencyFault,
  MalformedJsonFault,
  ReplyFault,
  SlowStreamFault,
  StatusFault,
  TruncateAudioFault,
  TruncateImagesFault,
} from "./fault.js";
export type { FrameStreamControl, FrameStreamOutcome } from "./frame-stream.js";
export {
  chatmlTemplate,
  makeTinyGguf,
  type TinyGgufInfo,
  type TinyGgufOptions,
} from "./gguf/make-tiny-gguf.js";
export { makeTinyLora, type TinyLoraOptions } from "./gguf/make-tiny-lora.js";
export type {
  FakeGradioEndpoint,
  FakeGradioKind,
  FakeGradioParameter,
} from "./gradio-app.js";
export { huggingFaceRewritingFetch } from "./hf-fetch.js";
export type { HuggingFaceProviderEntry, HuggingFaceTask } from "./hf-provider-mapping.js";
export { jsonFromSchema } from "./json-from-schema.js";
export {
  makeTinyOnnxVoice,
  type TinyOnnxVoiceInfo,
  type TinyOnnxVoiceOptions,
  tinyVoiceCharacters,
} from "./make-tiny-onnx-voice.js";
export { type MultipartPart, multipartField, parseMultipart } from "./multipart.js";
export { type NdjsonOptions, writeNdjson } from "./ndjson-writer.js";
export { type OpenAIErrorBody, openAIError, openAIErrorForStatus } from "./openai-error.js";
export type { FakeFineTuning, FakeFineTuningJob } from "./openai-fine-tuning.js";
export { fakeSpeechSeconds } from "./openai-speech.js";
export { type RangedBytesOptions, sendRangedBytes } from "./ranged-bytes.js";
export type { RecordedRequest } from "./recorded-request.js";
export { parseRequestBody, readRequestBody } from "./request-body.js";
export {
  cleanKitEnv,
  type KitCliResult,
  type RunKitCliOptions,
  runKitCli,
} from "./run-kit-cli.js";
export { type SseOptions, writeSse } from "./sse-writer.js";
export { useTempDir } from "./use-temp-dir.js";
export {
  type FakeVideoJob,
  type FakeVideoOutcome,
  type FakeVideoPlan,
  type FakeVideoRequest,
  type FakeVideoSnapshot,
  type FakeVideoState,
  VideoJobBook,
} from "./video-job-book.js";
