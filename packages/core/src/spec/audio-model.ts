import type { CallSettings, MediaData, Progress, ResponseInfo, Warning } from "./shared.js";

export interface SpeechCallOptions extends CallSettings {
  text: string;
  /** A voice name the provider knows, e.g. `"alloy"`. */
  voice?: string;
  /** Wanted container: `"mp3"`, `"wav"`, `"flac"`, `"opus"`. */
  format?: string;
  /** 1 = normal speed. */
  speed?: number;
}

export interface MusicCallOptions extends CallSettings {
  /** Style, instruments, mood. */
  prompt: string;
  /** Words to sing, for models that sing. */
  lyrics?: string;
  durationSeconds?: number;
  seed?: number;
  onProgress?: (progress: Progress) => void;
}

export interface AudioGenerateResult {
  audio: MediaData;
  warnings: Warning[];
  response?: ResponseInfo;
}

/** A model that reads text aloud. */
export interface SpeechModel {
  readonly specVersion: "v1";
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult>;
}

/** A model that makes music from a description (and lyrics). */
export interface MusicModel {
  readonly specVersion: "v1";
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: MusicCallOptions): Promise<AudioGenerateResult>;
}
