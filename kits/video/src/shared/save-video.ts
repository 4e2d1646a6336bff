/**
 * Saving a finished video under a free name in the output folder (never overwriting), through
 * core's `keep`, which records the path before writing so a run killed mid-save is seen as
 * saved next time, with the kit's .json beside it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  type GenerateVideoResult,
  type JobRecord,
  PathError,
  saveFileAtomically,
} from "@path/core";
import { dateStamp, slugify } from "@path/kit-cli";
import { type VideoSidecar, videoFacts } from "./video-sidecar.js";

/** What the kit knows about the request that the job record does not keep (the image's path). */
export interface VideoAsked {
  quest: "make" | "animate";
  /** The input picture as it was named on the command line. */
  image?: string;
}

export interface SavedVideo {
  path: string;
  sidecarPath: string;
  sidecar: VideoSidecar;
  /** True when an earlier run of the same job had saved it already. */
  earlier: boolean;
}

/** `video-2026-12-04-a-paper-boat-drifting` (without extension). */
export function videoStem(record: JobRecord, asked: VideoAsked, date = new Date()): string {
  const prompt = typeof record.request.prompt === "string" ? record.request.prompt : "";
  const words =
    prompt.trim() || (asked.image ? asked.image.replace(/^.*[\\/]/, "").replace(/\.\w+$/, "") : "");
  return `${asked.quest === "animate" ? "animate" : "video"}-${dateStamp(date)}-${slugify(words, { maxLength: 32, fallback: "video" })}`;
}

/** The first `<stem>[-N].mp4` whose .mp4 and .json are both free. */
function freePath(directory: string, stem: string, extension: string): string {
  for (let attempt = 1; ; attempt++) {
    const name = attempt === 1 ? stem : `${stem}-${attempt}`;
    const path = join(directory, `${name}.${extension}`);
    if (!existsSync(path) && !existsSync(join(directory, `${name}.json`))) return path;
  }
}

export function videoSidecar(result: GenerateVideoResult, asked: VideoAsked): VideoSidecar {
  const { job } = result;
  const request = job.request;
  return {
    kind: "video",
    quest: asked.quest,
    prompt: typeof request.prompt === "string" ? request.prompt : "",
    image: asked.image,
    provider: result.provider,
    model: result.modelId,
    seconds: typeof request.seconds === "number" ? request.seconds : undefined,
    aspectRatio: typeof request.aspectRatio === "string" ? request.aspectRatio : undefined,
    size: typeof request.size === "string" ? request.size : undefined,
    seed: typeof request.seed === "number" ? request.seed : undefined,
    jobKey: job.key,
    providerJobId: job.providerJobId,
    cost: result.estimatedCost && {
      amount: result.estimatedCost.amount,
      currency: result.estimatedCost.currency,
    },
    createdAt: new Date().toISOString(),
    video: videoFacts(result.video),
    warnings: result.warnings.map((warning) => warning.message),
  };
}

/**
 * Saves the video (or finds it saved by an earlier run of the same job) and writes its sidecar
 * when it is missing. A folder that cannot be written is an error that says the video is kept
 * with the job and how to save it.
 */
export async function saveVideo(
  result: GenerateVideoResult,
  asked: VideoAsked,
  directory: string,
): Promise<SavedVideo> {
  const sidecar = videoSidecar(result, asked);
  const earlier = result.savedTo;
  const path = earlier ?? freePath(directory, videoStem(result.job, asked), extensionOf(result));
  if (!earlier) {
    await result.keep(path).catch((error: unknown) => {
      const why = PathError.isInstance(error) ? error.message : (error as Error).message;
      throw new PathError(
        "save-failed",
        `could not save the video into ${directory} (${why.split("\n")[0]}); it is kept with job ${result.job.key.slice(0, 8)}: fix the folder, or run npm run video -- resume ${result.job.key.slice(0, 8)} --out <another folder>`,
      );
    });
  }
  const sidecarPath = path.replace(/\.[^./\\]+$/, ".json");
  if (!existsSync(sidecarPath)) {
    await saveFileAtomically(sidecarPath, `${JSON.stringify(sidecar, null, 2)}\n`).catch(
      (error: Error) =>
        process.stderr.write(`warning: the video is saved, but not its .json (${error.message})\n`),
    );
  }
  return { path, sidecarPath, sidecar, earlier: earlier !== undefined };
}

function extensionOf(result: GenerateVideoResult): string {
  return result.video.mediaType === "video/webm"
    ? "webm"
    : result.video.mediaType === "video/quicktime"
      ? "mov"
      : "mp4";
}
