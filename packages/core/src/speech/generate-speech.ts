import { Call, type CallOptions } from "../call.js";
import { InvalidInputError } from "../errors.js";
import { extensionFor } from "../media/sniff.js";
import { resolveModel } from "../registry.js";
import type {
  AudioGenerateResult,
  MediaData,
  Progress,
  ResponseInfo,
  SpeechModel,
  Warning,
} from "../spec/index.js";
import { type DecodedAudio, decodeAudio } from "./decode-audio.js";
import { GeneratedAudio } from "./generated-audio.js";
import { joinAudioParts } from "./join-audio.js";
import { readReferenceAudio } from "./reference-audio.js";
import { splitSpeechText } from "./split-text.js";

/** Containers whose parts can be joined when a long text is read in parts. */
const joinableFormats = new Set(["wav", "wave", "mp3", "mpeg"]);

export interface GenerateSpeechOptions extends CallOptions {
  /** `"provider:modelId"` or a model object; omitted → the default speech model. */
  model?: string | SpeechModel;
  /** The words to read aloud. */
  text: string;
  /** A voice the provider knows: `"alloy"` (OpenAI), `"en-us"` or `"cmn"` (espeak-ng). */
  voice?: string;
  /** Wanted container: `"wav"`, `"mp3"`, `"flac"`, `"opus"`, … A provider that cannot warns. */
  format?: string;
  /** 1 = normal; from 0.25 to 4. */
  speed?: number;
  /** How to speak ("warm, slow, like a bedtime story"), for models that take directions. */
  instructions?: string;
  /** Voice cloning: a recording (bytes or a file path) of the voice to copy. */
  referenceAudio?: Uint8Array | string;
  /** What is said in `referenceAudio`, for models that need it (F5-TTS). */
  referenceText?: string;
  seed?: number;
  onProgress?: (progress: Progress) => void;
}

export interface GenerateSpeechResult {
  audio: GeneratedAudio;
  warnings: Warning[];
  provider: string;
  modelId: string;
  durationMs: number;
  response?: ResponseInfo;
  seed?: number;
  /** The voice id a cloning call created at the provider: pass it as `voice` to reuse it. */
  clonedVoice?: string;
}

export const speechSpeedRange = { min: 0.25, max: 4 } as const;

const defaultTimeoutMs = 300_000;

/** Read text aloud; the audio is decoded (container, duration, rate, channels) before it is returned. */
export async function generateSpeech(
  options: GenerateSpeechOptions,
): Promise<GenerateSpeechResult> {
  const text = (options.text ?? "").trim();
  if (!text) throw new InvalidInputError("The speech text is empty: give the words to read aloud.");
  const { speed } = options;
  if (speed !== undefined && !(speed >= speechSpeedRange.min && speed <= speechSpeedRange.max)) {
    throw new InvalidInputError(
      `speed must be from ${speechSpeedRange.min} to ${speechSpeedRange.max} (1 = normal), not ${speed}.`,
    );
  }
  const format = options.format?.trim().toLowerCase() || undefined;
  const model = await resolveModel("speech", options.model);
  const name = `${model.provider}:${model.modelId}`;
  let referenceAudio: MediaData | undefined;
  if (options.referenceAudio !== undefined) {
    if (!model.referenceAudio) {
      throw new InvalidInputError(
        `${name} cannot copy a voice from a recording; use a cloning model such as gradio (F5-TTS), minimax or elevenlabs.`,
      );
    }
    referenceAudio = await readReferenceAudio(options.referenceAudio, model.referenceAudio, name);
  }
  const call = new Call("speech", model.provider, model.modelId, options, defaultTimeoutMs);
  const onProgress = (progress: Progress) => {
    options.onProgress?.(progress);
    call.emit({ type: "progress", progress });
  };
  const parts = model.maxTextLength ? splitSpeechText(text, model.maxTextLength) : [text];
  if (parts.length > 1 && format && !joinableFormats.has(format)) {
    throw new InvalidInputError(
      `The text is ${text.length} characters; ${name} reads at most ${model.maxTextLength} at a time, and parts can be joined only as wav or mp3, not ${format}.`,
    );
  }
  const made: { bytes: Uint8Array; decoded: DecodedAudio; result: AudioGenerateResult }[] = [];
  for (const [index, part] of parts.entries()) {
    const partProgress = (progress: Progress) =>
      onProgress({ ...progress, fraction: (index + (progress.fraction ?? 0)) / parts.length });
    made.push(
      await call.run(async (settings) => {
        const result = await model.doGenerate({
          ...settings,
          text: part,
          voice: options.voice,
          format,
          speed,
          instructions: options.instructions,
          referenceAudio,
          referenceText: options.referenceText,
          seed: options.seed,
          onProgress: parts.length > 1 ? partProgress : onProgress,
        });
        // A truncated or non-audio answer fails the attempt, so it is mapped like any other failure.
        const decoded = await decodeAudio(result.audio.data, model.provider);
        return { bytes: result.audio.data, decoded, result };
      }),
    );
    if (parts.length > 1)
      onProgress({
        fraction: (index + 1) / parts.length,
        message: `part ${index + 1}/${parts.length}`,
      });
  }
  const { result } = made[0]!;
  let bytes = made[0]!.bytes;
  let decoded = made[0]!.decoded;
  if (made.length > 1) {
    bytes = joinAudioParts(
      made.map((part) => part.bytes),
      decoded.mediaType,
    );
    decoded = await decodeAudio(bytes, model.provider);
  }
  // Each part warns the same way; say each thing once.
  const warnings = [
    ...new Map(made.flatMap((part) => part.result.warnings).map((w) => [w.message, w])).values(),
  ];
  const given = extensionFor(decoded.mediaType);
  const formatWarning = unaskedFormatWarning(warnings, format, given, name);
  if (formatWarning) warnings.push(formatWarning);
  call.finish();
  return {
    audio: new GeneratedAudio(bytes, decoded),
    warnings,
    provider: model.provider,
    modelId: model.modelId,
    durationMs: call.durationMs,
    response: result.response,
    seed: result.seed ?? options.seed,
    clonedVoice: result.clonedVoice,
  };
}

/** A warning when the file is not in the container asked for and the adapter did not say so. */
export function unaskedFormatWarning(
  warnings: Warning[],
  asked: string | undefined,
  given: string,
  model: string,
): Warning | undefined {
  if (!asked || warnings.some((warning) => warning.setting === "format")) return undefined;
  const aliases: Record<string, string> = { wave: "wav", mpeg: "mp3", opus: "ogg", oga: "ogg" };
  if ((aliases[asked] ?? asked) === given) return undefined;
  return {
    type: "unsupported-setting",
    setting: "format",
    message: `${model} returned ${given}, not ${asked}.`,
  };
}
