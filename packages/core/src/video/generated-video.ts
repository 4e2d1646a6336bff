import { GeneratedMedia } from "../media/generated-media.js";
import type { DecodedVideo } from "./decode-video.js";

/** A generated video: the media type plus what decoding it found. */
export class GeneratedVideo extends GeneratedMedia {
  /** `"MP4"`, `"QuickTime"` or `"WebM"`. */
  readonly container: string;
  /** Undefined only for a WebM that does not record it. */
  readonly durationSeconds?: number;
  readonly width?: number;
  readonly height?: number;
  /** `"avc1.64001f"`, `"hvc1…"`, `"V_VP9"`, … */
  readonly codec?: string;
  readonly fps?: number;

  constructor(bytes: Uint8Array, decoded: DecodedVideo) {
    super(bytes, decoded.mediaType);
    this.container = decoded.container;
    this.durationSeconds = decoded.durationSeconds;
    this.width = decoded.width;
    this.height = decoded.height;
    this.codec = decoded.codec;
    this.fps = decoded.fps;
  }
}
