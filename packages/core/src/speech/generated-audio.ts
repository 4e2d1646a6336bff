import { GeneratedMedia } from "../media/generated-media.js";
import type { DecodedAudio } from "./decode-audio.js";

/** Generated audio: the media type plus what decoding it found. */
export class GeneratedAudio extends GeneratedMedia {
  /** The container as decoded: `"WAVE"`, `"MPEG"`, `"FLAC"`, `"Ogg"`, … */
  readonly container: string;
  readonly durationSeconds: number;
  readonly sampleRate?: number;
  readonly channels?: number;

  constructor(bytes: Uint8Array, decoded: DecodedAudio) {
    super(bytes, decoded.mediaType);
    this.container = decoded.container;
    this.durationSeconds = decoded.durationSeconds;
    this.sampleRate = decoded.sampleRate;
    this.channels = decoded.channels;
  }
}
