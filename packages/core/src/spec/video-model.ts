import type { CallSettings, MediaData, Warning } from "./shared.js";

export interface VideoStartOptions extends CallSettings {
  prompt: string;
  /** A first frame or reference image, for image-to-video. */
  image?: MediaData;
  durationSeconds?: number;
  /** `"16:9"`, `"9:16"`, … */
  aspectRatio?: string;
  seed?: number;
}

/** Where a video job stands. `succeeded` carries the video or a URL to fetch it from. */
export type VideoJobStatus =
  | { state: "queued" | "running"; progress?: number; etaSeconds?: number }
  | { state: "succeeded"; video: MediaData | { url: string } }
  | { state: "failed"; message: string; code?: string };

/**
 * A video job: `doStart` submits it and returns an id, `doStatus` reports on it. Adapters never
 * loop; core owns polling (deadline, interval, abort, resume from a saved job id).
 */
export interface VideoModel {
  readonly specVersion: "v1";
  readonly provider: string;
  readonly modelId: string;
  doStart(options: VideoStartOptions): Promise<{ jobId: string; warnings: Warning[] }>;
  doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus>;
}
