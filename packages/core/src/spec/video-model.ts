import type { CallSettings, MediaData, ResponseInfo, Warning } from "./shared.js";

/** What `doStart` receives. Core has already checked it against the model's {@link VideoLimits}. */
export interface VideoStartOptions extends CallSettings {
  prompt: string;
  /** A first frame, for image-to-video. Core has decoded it (format, size) before this call. */
  image?: MediaData & { width: number; height: number };
  durationSeconds?: number;
  /** `"16:9"`, `"9:16"`, `"1:1"`. */
  aspectRatio?: string;
  /** Exact output size, when the caller asked for one. */
  size?: { width: number; height: number };
  seed?: number;
  /**
   * The request's key (the same request always gets the same one). An adapter whose API takes
   * an idempotency key or an external task id sends it, so a submit cut off before its answer
   * can be sent again without making a second job.
   */
  requestKey: string;
}

/** A finished video the provider hands out as a link rather than bytes. */
export interface VideoResultLink {
  url: string;
  /** ISO time the link stops working, when the provider says. */
  expiresAt?: string;
  /** Headers the download needs (an API key for a content endpoint). Never logged or stored. */
  headers?: Record<string, string>;
}

/**
 * Where a video job stands, mapped from the vendor's spelling. An adapter that meets a status it
 * does not know throws an {@link InvalidResponseError} naming it, so a new vendor state ends the
 * wait with a clear error instead of being polled until the deadline.
 */
export type VideoJobStatus =
  | {
      state: "queued" | "running";
      /** 0..1 when the provider reports it. */
      progress?: number;
      etaSeconds?: number;
      queuePosition?: number;
      /** The provider's own word for the state, for progress lines. */
      message?: string;
    }
  | { state: "succeeded"; video: MediaData | VideoResultLink }
  | {
      /** `expired`: the job or its result is gone from the provider (links and ids live hours). */
      state: "failed" | "cancelled" | "expired";
      message: string;
      code?: string;
    };

/** What a model offers. Core checks a request against these before anything is paid for. */
export interface VideoLimits {
  /** Which inputs it takes: text-to-video, image-to-video, or both. */
  inputs: ReadonlyArray<"text" | "image">;
  /** The lengths it makes, in seconds; others are refused (or the nearest taken, with a warning). */
  durations?: readonly number[];
  /** `"16:9"`, …; the first is the default. */
  aspectRatios?: readonly string[];
  /** `"1280x720"`, …, when the model takes exact sizes. */
  sizes?: readonly string[];
  /** Limits on an input image, as the vendor documents them. */
  image?: {
    minSide?: number;
    maxSide?: number;
    maxBytes?: number;
    /** Width / height, inclusive. */
    minAspect?: number;
    maxAspect?: number;
  };
}

/**
 * A video job: `doStart` submits it and returns an id, `doStatus` reports on it. Adapters never
 * loop or wait; core owns polling (interval, backoff, deadline, abort) and resuming from a
 * recorded job id.
 */
export interface VideoModel {
  readonly specVersion: "v1";
  readonly provider: string;
  readonly modelId: string;
  readonly limits: VideoLimits;
  /** The poll interval the vendor recommends, in ms. Core backs off from it. */
  readonly pollIntervalMs?: number;
  /**
   * False when a job lives only in this process (a Gradio session): a run killed before the
   * video is downloaded cannot pick the job up. Default true.
   */
  readonly resumable?: boolean;
  /** True when `doStart` sends {@link VideoStartOptions.requestKey} as an idempotency key. */
  readonly idempotentStart?: boolean;
  doStart(
    options: VideoStartOptions,
  ): Promise<{ jobId: string; warnings: Warning[]; response?: ResponseInfo }>;
  doStatus(options: { jobId: string } & CallSettings): Promise<VideoJobStatus>;
  /** Cancel a job that has not finished, where the API allows it. */
  doCancel?(options: { jobId: string } & CallSettings): Promise<void>;
}
