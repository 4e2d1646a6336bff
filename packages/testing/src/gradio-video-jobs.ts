/**
 * Video jobs in the fake Gradio app: a call to an endpoint that returns a video is a job in a
 * {@link VideoJobBook}. Gradio pushes where other services are polled, so the fake moves the
 * job on itself, one step per message: `estimation` while queued (the rank falling), `progress`
 * while running, then the end the plan asks for.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { FakeGradioEndpoint } from "./gradio-app.js";
import type { FakeVideoRequest, VideoJobBook } from "./video-job-book.js";

/** How a video job ended: its output stands, or this error message replaces it. */
export type GradioVideoEnd =
  | { kind: "done" }
  | { kind: "error"; message: string }
  /** The app broke off with `unexpected_error` (the client's only way to hear of an odd state). */
  | { kind: "unexpected"; message: string }
  /** The client went away (cancelled). */
  | { kind: "gone" };

export function returnsVideo(endpoint: FakeGradioEndpoint): boolean {
  return endpoint.returns.some((output) => output.component === "Video");
}

/** The neutral request of a call: prompt, seconds, size, first frame. */
export function gradioVideoRequest(
  endpoint: FakeGradioEndpoint,
  data: unknown[],
): FakeVideoRequest {
  const value = (pattern: RegExp) => {
    const index = endpoint.parameters.findIndex((parameter) => pattern.test(parameter.name));
    return index === -1 ? undefined : data[index];
  };
  const number = (pattern: RegExp) => {
    const found = value(pattern);
    return typeof found === "number" ? found : undefined;
  };
  return {
    prompt: String(value(/prompt|text/) ?? ""),
    seconds: number(/duration|seconds/),
    width: number(/width/),
    height: number(/height/),
    image: endpoint.parameters.some(
      (parameter, index) => parameter.component === "Image" && data[index] != null,
    ),
    model: endpoint.name,
  };
}

/** Runs a booked job to its end, sending its messages; `pending` false means the client left. */
export async function runGradioVideoJob(
  book: VideoJobBook,
  id: string,
  send: (message: Record<string, unknown>) => void,
  pending: () => boolean,
  stepDelayMs: number,
): Promise<GradioVideoEnd> {
  for (;;) {
    await sleep(stepDelayMs);
    if (!pending()) return { kind: "gone" };
    const job = book.jobs.get(id)!;
    const snapshot = book.poll(id)!;
    const queued = job.plan.queuedPolls ?? 1;
    if (snapshot.state === "queued") {
      const rank = Math.max(0, queued - job.polls);
      send({ msg: "estimation", rank, queue_size: rank + 1, rank_eta: rank + 1 });
    } else if (snapshot.state === "running") {
      if (job.polls === queued + 1) send({ msg: "process_starts", eta: 2, progress_data: null });
      send({
        msg: "progress",
        progress_data: [
          { index: null, length: null, unit: "steps", progress: snapshot.progress, desc: null },
        ],
      });
    } else if (snapshot.unknownStatus) {
      return { kind: "unexpected", message: `unknown job state "${snapshot.unknownStatus}"` };
    } else if (snapshot.state === "succeeded") {
      return { kind: "done" };
    } else if (snapshot.state === "failed") {
      return { kind: "error", message: snapshot.failure ?? "error" };
    } else {
      return { kind: "error", message: `the job was ${snapshot.state}` };
    }
  }
}
