import { InvalidResponseError } from "../../errors.js";
import type { VideoJobStatus } from "../../spec/index.js";
import { unknownJobStatus } from "../unknown-job-status.js";
import type { ComfyFileRef, ComfyUIClient } from "./comfyui-client.js";

/** A saved file as history lists it; Video Helper Suite adds `format` (`video/h264-mp4`). */
type OutputFile = ComfyFileRef & { format?: string };

/** `/history/{id}`'s entry once a prompt has ended. */
export interface VideoHistoryEntry {
  outputs?: Record<string, { images?: OutputFile[]; gifs?: OutputFile[]; videos?: OutputFile[] }>;
  status?: null | {
    status_str?: string;
    completed?: boolean;
    messages?: [string, Record<string, unknown>][];
  };
}

/** `GET /queue`: `[number, prompt_id, graph, extra_data, outputs]` items. */
export interface QueueState {
  queue_running?: [number, string, unknown, { client_id?: string }?, ...unknown[]][];
  queue_pending?: [number, string, unknown, { client_id?: string }?, ...unknown[]][];
}

const videoName = /\.(mp4|webm|mov|mkv|m4v)$/i;

/**
 * The saved video of a finished prompt: core SaveVideo lists it under `images` (with
 * `animated: [true]`), Video Helper Suite under `gifs`, some nodes under `videos`. An output
 * file is preferred to a temp preview.
 */
export function videoFileIn(entry: VideoHistoryEntry): OutputFile | undefined {
  const files = Object.values(entry.outputs ?? {}).flatMap((output) => [
    ...(output.videos ?? []),
    ...(output.gifs ?? []),
    ...(output.images ?? []),
  ]);
  const videos = files.filter(
    (file) => videoName.test(file.filename) || /^video\//.test(file.format ?? ""),
  );
  return videos.find((file) => file.type === "output") ?? videos[0];
}

/** The state of a prompt whose history entry exists: it has ended one way or another. */
export function endedStatus(
  client: ComfyUIClient,
  promptId: string,
  entry: VideoHistoryEntry,
): VideoJobStatus {
  // Builds before 2023 wrote no status: an entry meant the prompt had run.
  const word = entry.status ? entry.status.status_str : "success";
  if (word === "success") {
    const file = videoFileIn(entry);
    if (!file) {
      throw new InvalidResponseError(
        "comfyui",
        `prompt ${promptId} finished without saving a video (does the workflow end in SaveVideo or VHS_VideoCombine with an mp4 format?)`,
      );
    }
    const query = new URLSearchParams({
      filename: file.filename,
      subfolder: file.subfolder ?? "",
      type: file.type ?? "output",
    });
    const headers = Object.keys(client.headers).length ? { ...client.headers } : undefined;
    return { state: "succeeded", video: { url: `${client.baseURL}/view?${query}`, headers } };
  }
  if (word === "error") {
    const messages = entry.status?.messages ?? [];
    if (messages.some(([type]) => type === "execution_interrupted")) {
      return { state: "cancelled", message: "the prompt was interrupted on the ComfyUI server" };
    }
    const data = messages.find(([type]) => type === "execution_error")?.[1] ?? {};
    const where = typeof data.node_type === "string" ? `${data.node_type}: ` : "";
    return {
      state: "failed",
      message: `${where}${String(data.exception_message ?? "the prompt failed")}`.trim(),
      code: typeof data.exception_type === "string" ? data.exception_type : undefined,
    };
  }
  throw unknownJobStatus("comfyui", word, `the history of prompt ${promptId}`, [
    "success",
    "error",
  ]);
}

/** Where a prompt stands in the queue: running, waiting (1 = next), or not there. */
export function placeInQueue(
  queue: QueueState,
  promptId: string,
): { state: "running" | "queued"; position?: number; clientId?: string } | undefined {
  const running = (queue.queue_running ?? []).find((item) => item[1] === promptId);
  if (running) return { state: "running", clientId: running[3]?.client_id };
  const pending = [...(queue.queue_pending ?? [])].sort((a, b) => a[0] - b[0]);
  const index = pending.findIndex((item) => item[1] === promptId);
  if (index === -1) return undefined;
  return { state: "queued", position: index + 1, clientId: pending[index]![3]?.client_id };
}
