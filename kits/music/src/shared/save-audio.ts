/**
 * Saving speech or music so it can be made again: the audio (MP3s tagged with their provenance
 * before the atomic write) and a sidecar JSON beside it. Used by speak, song, compose and clone.
 */
import { saveOrRecover } from "@path/kit-cli";
import { tagMp3 } from "./id3.js";
import { audioStem } from "./output-names.js";
import {
  type AudioResult,
  type AudioSettings,
  audioProvenance,
  type Provenance,
} from "./provenance.js";

export type { AudioResult, AudioSettings, Provenance } from "./provenance.js";

export interface SavedAudio {
  path: string;
  sidecarPath: string;
  sidecar: Provenance;
  /** Why the audio could not go into the folder asked for; `path` is in the recovery folder. */
  recovered?: string;
}

export interface SaveAudioOptions {
  /** The file name without extension; by default `<kind>-<date>-<first words>`. */
  stem?: string;
}

/** The title for tags and file names: the one given, else the first words of what was made. */
export function audioTitle(settings: AudioSettings): string {
  const words = settings.title ?? settings.text ?? settings.lyrics ?? settings.prompt ?? "";
  const firstLine = words
    .split("\n")
    .map((line) => line.replace(/^\s*\[[^\]]*\]\s*/, "").trim())
    .find(Boolean);
  return (firstLine ?? settings.kind).slice(0, 60);
}

/**
 * Saves the audio and its sidecar under a free name (never overwriting). When the folder cannot
 * be written they go to the recovery folder instead (see `recovered`): the call was paid for.
 */
export async function saveAudio(
  result: AudioResult,
  settings: AudioSettings,
  directory: string,
  options: SaveAudioOptions = {},
): Promise<SavedAudio> {
  const sidecar = audioProvenance(result, settings);
  const title = audioTitle(settings);
  const audio =
    sidecar.format === "mp3" ? tagMp3(result.audio.bytes, sidecar, title) : result.audio.bytes;
  const stem = options.stem ?? audioStem(settings.kind, settings.title ?? settings.text ?? title);
  const saved = await saveOrRecover(directory, stem, [
    { extension: sidecar.format, data: audio },
    { extension: "json", data: `${JSON.stringify(sidecar, null, 2)}\n` },
  ]);
  const [path, sidecarPath] = saved.paths;
  return { path: path!, sidecarPath: sidecarPath!, sidecar, recovered: saved.recovered?.reason };
}
