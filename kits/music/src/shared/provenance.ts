/**
 * What made a saved audio file, so it can be made again: the words, style, voice, model, seed,
 * the length asked for and the length made, what the file is, and the warnings. Written as a
 * sidecar JSON beside every file, and into MP3s as ID3v2 tags (see id3.ts).
 */
import {
  type Cost,
  extensionFor,
  type GenerateMusicResult,
  type GenerateSpeechResult,
} from "@path/core";

export type AudioResult = GenerateSpeechResult | GenerateMusicResult;

/** What was asked for; quests fill in what applies to them. */
export interface AudioSettings {
  /** `speech`, `song`, `music`, `clone`: also the start of the file name. */
  kind: string;
  /** The title for the ID3 tag and the file name; else the first words of text, lyrics or prompt. */
  title?: string;
  /** Words read aloud (speech, clone). */
  text?: string;
  /** The file the text or lyrics were read from. */
  textFile?: string;
  /** The music prompt as sent: style, instruments, mood. */
  prompt?: string;
  /** The style hint as the person gave it (`--style`), when it differs from the prompt. */
  style?: string;
  lyrics?: string;
  voice?: string;
  speed?: number;
  /** The clip a cloned voice was copied from. */
  referenceAudio?: string;
  /** Seconds asked for (`--duration`). */
  durationSeconds?: number;
  seed?: number;
  /** The format asked for (`--format`). */
  format?: string;
  /** From the call's `usage` event, when the price table knows the model. */
  cost?: Cost;
  /** Part `n` of `of` when one piece of lyrics was split into several songs. */
  part?: { n: number; of: number };
}

const freeProviders = new Set(["system", "local"]);

export function audioProvenance(result: AudioResult, settings: AudioSettings) {
  // Only what the provider applied; a setting it warned about did not shape the audio.
  const dropped = new Set(result.warnings.map((warning) => warning.setting));
  const applied = <T>(setting: string, value: T | undefined) =>
    dropped.has(setting) ? null : (value ?? null);
  const { audio } = result;
  const cost =
    settings.cost ?? (freeProviders.has(result.provider) ? { amount: 0, currency: "USD" } : null);
  return {
    kind: settings.kind,
    title: settings.title ?? null,
    text: settings.text ?? null,
    textFile: settings.textFile ?? null,
    prompt: settings.prompt ?? null,
    style: settings.style ?? null,
    lyrics: applied("lyrics", settings.lyrics),
    voice: applied("voice", settings.voice),
    speed: applied("speed", settings.speed),
    referenceAudio: settings.referenceAudio ?? null,
    clonedVoice: "clonedVoice" in result ? (result.clonedVoice ?? null) : null,
    provider: result.provider,
    model: result.modelId,
    seed: applied("seed", result.seed ?? settings.seed),
    askedDurationSeconds: settings.durationSeconds ?? null,
    durationSeconds: audio.durationSeconds,
    askedFormat: settings.format ?? null,
    format: extensionFor(audio.mediaType),
    mediaType: audio.mediaType,
    container: audio.container,
    sampleRate: audio.sampleRate ?? null,
    channels: audio.channels ?? null,
    part: settings.part ?? null,
    cost,
    generationMs: result.durationMs,
    createdAt: new Date().toISOString(),
    warnings: result.warnings.map((warning) => warning.message),
  };
}

export type Provenance = ReturnType<typeof audioProvenance>;
