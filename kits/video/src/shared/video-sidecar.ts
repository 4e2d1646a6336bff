/**
 * The .json the kit writes next to each video: what was asked, which model made it, the job's
 * key (to find its record), the estimated cost, and what the file is. `info` reads it back.
 */
import type { Cost, GeneratedVideo } from "@path/core";

export interface VideoSidecar {
  kind: "video";
  /** Which quest made it. */
  quest: "make" | "animate";
  prompt: string;
  /** The input picture, as it was named on the command line. */
  image?: string;
  provider: string;
  model: string;
  /** What was asked; the file's own length is under `video`. */
  seconds?: number;
  aspectRatio?: string;
  size?: string;
  seed?: number;
  /** The request key of the job record (`jobs`, `resume`). */
  jobKey: string;
  providerJobId?: string;
  cost?: Cost;
  createdAt: string;
  video: {
    container: string;
    durationSeconds?: number;
    width?: number;
    height?: number;
    codec?: string;
    fps?: number;
    bytes: number;
  };
  warnings: string[];
}

export function videoFacts(video: GeneratedVideo): VideoSidecar["video"] {
  return {
    container: video.container,
    durationSeconds: video.durationSeconds,
    width: video.width,
    height: video.height,
    codec: video.codec,
    fps: video.fps,
    bytes: video.bytes.length,
  };
}
