/**
 * Saving speech so it can be made again: the audio, and a sidecar JSON beside it with the text,
 * voice, model, provider, what the file is (format, duration, rate) and the warnings.
 */
import { extensionFor, type GenerateSpeechResult } from "@path/core";
import { saveOrRecover } from "@path/kit-cli";
import { speechStem } from "./output-names.js";

export interface SpeechSettings {
  text: string;
  /** The file the text was read from. */
  textFile?: string;
  voice?: string;
  format?: string;
  speed?: number;
}

export interface SavedSpeech {
  path: string;
  sidecarPath: string;
  sidecar: ReturnType<typeof speechSidecar>;
  /** Why the audio could not go into the folder asked for; `path` is in the recovery folder. */
  recovered?: string;
}

export function speechSidecar(result: GenerateSpeechResult, settings: SpeechSettings) {
  // Only what the provider applied; a setting it warned about did not shape the audio.
  const dropped = new Set(result.warnings.map((warning) => warning.setting));
  const applied = <T>(setting: string, value: T | undefined) =>
    dropped.has(setting) ? null : (value ?? null);
  const { audio } = result;
  return {
    text: settings.text,
    textFile: settings.textFile ?? null,
    voice: applied("voice", settings.voice),
    speed: applied("speed", settings.speed),
    provider: result.provider,
    model: result.modelId,
    format: extensionFor(audio.mediaType),
    mediaType: audio.mediaType,
    container: audio.container,
    durationSeconds: audio.durationSeconds,
    sampleRate: audio.sampleRate ?? null,
    channels: audio.channels ?? null,
    generationMs: result.durationMs,
    createdAt: new Date().toISOString(),
    warnings: result.warnings.map((warning) => warning.message),
  };
}

/**
 * Saves the audio and its sidecar under a free name (never overwriting). When the folder cannot
 * be written they go to the recovery folder instead (see `recovered`): the call was paid for.
 */
export async function saveSpeech(
  result: GenerateSpeechResult,
  settings: SpeechSettings,
  directory: string,
): Promise<SavedSpeech> {
  const sidecar = speechSidecar(result, settings);
  const saved = await saveOrRecover(directory, speechStem(settings.text), [
    { extension: sidecar.format, data: result.audio.bytes },
    { extension: "json", data: `${JSON.stringify(sidecar, null, 2)}\n` },
  ]);
  const [path, sidecarPath] = saved.paths;
  return { path: path!, sidecarPath: sidecarPath!, sidecar, recovered: saved.recovered?.reason };
}
