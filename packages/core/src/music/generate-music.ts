import { Call, type CallOptions } from "../call.js";
import { InvalidInputError } from "../errors.js";
import { extensionFor } from "../media/sniff.js";
import { resolveModel } from "../registry.js";
import type { MusicModel, Progress, ResponseInfo, Warning } from "../spec/index.js";
import { decodeAudio } from "../speech/decode-audio.js";
import { unaskedFormatWarning } from "../speech/generate-speech.js";
import { GeneratedAudio } from "../speech/generated-audio.js";

export interface GenerateMusicOptions extends CallOptions {
  /** `"provider:modelId"` or a model object; omitted → the default music model. */
  model?: string | MusicModel;
  /** Style, instruments, mood, tempo: `"upbeat c-pop, 110 bpm, female vocal"`. */
  prompt: string;
  /** Words to sing, with `[Verse]`/`[Chorus]` section tags; leave out for instrumental music. */
  lyrics?: string;
  /** Length of the piece; a model with a maximum refuses more with the numbers. */
  durationSeconds?: number;
  seed?: number;
  /** Wanted container: `"mp3"`, `"wav"`, … A provider that cannot warns. */
  format?: string;
  onProgress?: (progress: Progress) => void;
}

export interface GenerateMusicResult {
  audio: GeneratedAudio;
  warnings: Warning[];
  provider: string;
  modelId: string;
  durationMs: number;
  response?: ResponseInfo;
  /** The seed that made it, when known (asked for or reported by the provider). */
  seed?: number;
}

/** Music takes minutes on a busy queue; the timeout measures silence, not the whole job. */
const defaultTimeoutMs = 600_000;

/** The returned piece may differ from the asked length by this much before a warning says so. */
const durationToleranceSeconds = 1;

/** Make music from a description (and lyrics to sing); the audio is decoded before it is returned. */
export async function generateMusic(options: GenerateMusicOptions): Promise<GenerateMusicResult> {
  const prompt = (options.prompt ?? "").trim();
  const lyrics = options.lyrics?.trim() || undefined;
  if (!prompt && !lyrics) {
    throw new InvalidInputError(
      'The music prompt is empty: describe the style, e.g. "lofi hip hop, 80 bpm, piano".',
    );
  }
  const { durationSeconds } = options;
  if (durationSeconds !== undefined && !(durationSeconds > 0 && Number.isFinite(durationSeconds))) {
    throw new InvalidInputError(
      `durationSeconds must be a number of seconds above 0, not ${durationSeconds}.`,
    );
  }
  const format = options.format?.trim().toLowerCase() || undefined;
  const model = await resolveModel("music", options.model);
  const name = `${model.provider}:${model.modelId}`;
  const longest = model.maxDurationSeconds;
  if (durationSeconds !== undefined && longest !== undefined && durationSeconds > longest) {
    throw new InvalidInputError(
      `${name} makes at most ${longest} s in one piece; ${durationSeconds} s was asked. Ask for ${longest} s or less, or use another model.`,
    );
  }
  const warnings: Warning[] = [];
  if (lyrics && model.sings === false) {
    warnings.push({
      type: "unsupported-setting",
      setting: "lyrics",
      message: `${name} makes instrumental music: the lyrics were not sung. Use a singing model (ACE-Step, ElevenLabs Music, MiniMax Music) for a song.`,
    });
  }
  const call = new Call("music", model.provider, model.modelId, options, defaultTimeoutMs);
  const onProgress = (progress: Progress) => {
    options.onProgress?.(progress);
    call.emit({ type: "progress", progress });
  };
  const { audio, decoded, result } = await call.run(async (settings) => {
    const result = await model.doGenerate({
      ...settings,
      prompt,
      lyrics: model.sings === false ? undefined : lyrics,
      durationSeconds,
      seed: options.seed,
      format,
      onProgress,
    });
    const decoded = await decodeAudio(result.audio.data, model.provider);
    return { audio: result.audio, decoded, result };
  });
  warnings.push(...result.warnings);
  const formatWarning = unaskedFormatWarning(
    warnings,
    format,
    extensionFor(decoded.mediaType),
    name,
  );
  if (formatWarning) warnings.push(formatWarning);
  const durationWarned = warnings.some((warning) => warning.setting === "durationSeconds");
  const off =
    durationSeconds === undefined ? 0 : Math.abs(decoded.durationSeconds - durationSeconds);
  if (!durationWarned && off > durationToleranceSeconds) {
    warnings.push({
      type: "other",
      setting: "durationSeconds",
      message: `${name} made ${decoded.durationSeconds.toFixed(1)} s, not the ${durationSeconds} s asked for.`,
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
    seed: result.seed ?? options.seed,
  };
}
