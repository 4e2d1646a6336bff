import type { CallSettings, MediaData, Progress, ResponseInfo, Warning } from "./shared.js";

export interface SpeechCallOptions extends CallSettings {
  text: string;
  /** A voice name the provider knows, e.g. `"alloy"`. */
  voice?: string;
  /** Wanted container: `"mp3"`, `"wav"`, `"flac"`, `"opus"`. */
  format?: string;
  /** 1 = normal speed. */
  speed?: number;
  /** How to speak, for models that take directions (gpt-4o-mini-tts `instructions`). */
  instructions?: string;
  /**
   * A recording of the voice to copy (voice cloning, 音色复刻). Core has decoded it and checked
   * it against the model's {@link ReferenceAudioLimits} before the adapter sees it.
   */
  referenceAudio?: MediaData;
  /** What is said in `referenceAudio`, for models that need the transcript (F5-TTS). */
  referenceText?: string;
  seed?: number;
  onProgress?: (progress: Progress) => void;
}

export interface MusicCallOptions extends CallSettings {
  /** Style, instruments, mood. */
  prompt: string;
  /** Words to sing, for models that sing, with `[Verse]`/`[Chorus]` section tags. */
  lyrics?: string;
  durationSeconds?: number;
  seed?: number;
  /** Wanted container: `"mp3"`, `"wav"`, … A provider that cannot warns. */
  format?: string;
  onProgress?: (progress: Progress) => void;
}

export interface AudioGenerateResult {
  audio: MediaData;
  warnings: Warning[];
  response?: ResponseInfo;
  /** The seed that made this audio, when the provider says. */
  seed?: number;
  /**
   * The voice id a cloning call created at the provider (MiniMax, ElevenLabs), so it can be
   * used again as `voice` without paying to clone twice.
   */
  clonedVoice?: string;
}

/** A voice a speech model has. */
export interface Voice {
  /** What to pass as `voice`. */
  id: string;
  /** A display name, when it differs from the id. */
  name?: string;
  /** Language or accent tags as the provider gives them: `"zh-CN"`, `"en-US"`, `"cmn"`. */
  languages?: string[];
  gender?: string;
  description?: string;
  /** True for a voice made by cloning on this account. */
  cloned?: boolean;
}

/** What reference clips a cloning model accepts; core checks a clip against these. */
export interface ReferenceAudioLimits {
  minSeconds: number;
  maxSeconds: number;
  /** Containers it takes, as file extensions: `["wav", "mp3", "m4a"]`. */
  formats: string[];
  /** Largest upload, when the provider has a limit. */
  maxBytes?: number;
}

/** A model that reads text aloud. */
export interface SpeechModel {
  readonly specVersion: "v1";
  readonly provider: string;
  readonly modelId: string;
  /**
   * The longest text one call takes, in characters. Core splits longer text at sentence ends,
   * makes each part and joins them into one file.
   */
  readonly maxTextLength?: number;
  /** Set when the model can copy a voice from `referenceAudio`. */
  readonly referenceAudio?: ReferenceAudioLimits;
  doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult>;
  /** The voices it has, where the provider can list them. */
  listVoices?(options?: { signal?: AbortSignal }): Promise<Voice[]>;
}

/** A model that makes music from a description (and lyrics). */
export interface MusicModel {
  readonly specVersion: "v1";
  readonly provider: string;
  readonly modelId: string;
  /** The longest piece it makes in one call; core refuses a longer `durationSeconds` with the numbers. */
  readonly maxDurationSeconds?: number;
  /** True when it sings `lyrics`; an instrumental model warns that lyrics were not used. */
  readonly sings?: boolean;
  doGenerate(options: MusicCallOptions): Promise<AudioGenerateResult>;
}
