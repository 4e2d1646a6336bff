import { Call, type CallOptions } from "../call.js";
import { InvalidInputError } from "../errors.js";
import { extensionFor } from "../media/sniff.js";
import { resolveModel } from "../registry.js";
import type { ResponseInfo, SpeechModel, Warning } from "../spec/index.js";
import { decodeAudio } from "./decode-audio.js";
import { GeneratedAudio } from "./generated-audio.js";

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
}

export interface GenerateSpeechResult {
  audio: GeneratedAudio;
  warnings: Warning[];
  provider: string;
  modelId: string;
  durationMs: number;
  response?: ResponseInfo;
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
  const call = new Call("speech", model.provider, model.modelId, options, defaultTimeoutMs);
  const { audio, decoded, result } = await call.run(async (settings) => {
    const result = await model.doGenerate({
      ...settings,
      text,
      voice: options.voice,
      format,
      speed,
    });
    // A truncated or non-audio answer fails the attempt, so it is mapped like any other failure.
    const decoded = await decodeAudio(result.audio.data, model.provider);
    return { audio: result.audio, decoded, result };
  });
  const warnings = [...result.warnings];
  const given = extensionFor(decoded.mediaType);
  const formatWarned = warnings.some((warning) => warning.setting === "format");
  if (format && !formatWarned && !sameFormat(format, given)) {
    warnings.push({
      type: "unsupported-setting",
      setting: "format",
      message: `${model.provider}:${model.modelId} returned ${given}, not ${format}.`,
    });
  }
  call.finish();
  return {
    audio: new GeneratedAudio(audio.data, decoded),
    warnings,
    provider: model.provider,
    modelId: model.modelId,
    durationMs: call.durationMs,
    response: result.response,
  };
}

function sameFormat(asked: string, given: string): boolean {
  const aliases: Record<string, string> = { wave: "wav", mpeg: "mp3", opus: "ogg", oga: "ogg" };
  return (aliases[asked] ?? asked) === given;
}
