/**
 * What make and animate share: price check, submit (or pick up this request's recorded job),
 * wait with progress on stderr, download, save, report. The job is recorded before it is sent,
 * so a run killed anywhere is picked up by running the same command again.
 */
import { existsSync } from "node:fs";
import {
  type GenerateVideoResult,
  type JobRecord,
  resumeVideo,
  startVideo,
  type VideoCostQuestion,
} from "@path/core";
import {
  acceptPrice,
  cancelOnCtrlC,
  dim,
  formatDuration,
  outputDirectory,
  printJson,
} from "@path/kit-cli";
import { type JobProgressLine, jobProgressLine } from "./job-progress.js";
import { ageText, costText, shortKey } from "./job-view.js";
import { pollIntervalMs } from "./poll-setting.js";
import { type SavedVideo, saveVideo, type VideoAsked } from "./save-video.js";
import type { VideoArgs } from "./video-args.js";

export interface VideoJobInput extends VideoAsked {
  prompt: string;
  imageBytes?: Uint8Array;
}

export async function runVideoJob(args: VideoArgs, input: VideoJobInput): Promise<number> {
  // Checked before the submit: a folder that cannot be written must not cost a video.
  const directory = outputDirectory(args.out);
  const poll = pollIntervalMs();
  const progress = jobProgressLine();
  const cancel = cancelOnCtrlC();
  try {
    const started = await startVideo({
      model: args.model,
      prompt: input.prompt,
      image: input.imageBytes,
      seconds: args.seconds,
      aspectRatio: args.aspectRatio,
      size: args.size,
      seed: args.seed,
      fresh: args.fresh,
      signal: cancel.signal,
      confirmCost: (question) =>
        acceptPrice({ what: "this video", text: priceText(question) }, args.yes),
    });
    const { job } = started;
    if (savedAndThere(job)) return reportAlreadySaved(job, args.json);
    progress.note(dim(startLine(job, started.resumed, started.resumable)));
    const result = await resumeVideo(job, {
      signal: cancel.signal,
      pollIntervalMs: poll,
      onProgress: (update) => progress.show(update),
    });
    progress.end();
    return reportSaved(result, await saveVideo(result, input, directory), args.json);
  } finally {
    progress.end();
    cancel.dispose();
  }
}

/** `resume`: carry on with a recorded job and save what it made. */
export async function resumeJob(
  record: JobRecord,
  options: { out?: string; json: boolean },
): Promise<number> {
  if (savedAndThere(record)) return reportAlreadySaved(record, options.json);
  const directory = outputDirectory(options.out);
  const poll = pollIntervalMs();
  const progress: JobProgressLine = jobProgressLine();
  const cancel = cancelOnCtrlC();
  try {
    progress.note(dim(startLine(record, true)));
    const result = await resumeVideo(record, {
      signal: cancel.signal,
      pollIntervalMs: poll,
      onProgress: (update) => progress.show(update),
    });
    progress.end();
    const asked: VideoAsked = { quest: record.request.image ? "animate" : "make" };
    return reportSaved(result, await saveVideo(result, asked, directory), options.json);
  } finally {
    progress.end();
    cancel.dispose();
  }
}

/** `about $0.40 (openai:sora-2, 4 s at $0.10/s, prices of 2026-12)`, or why there is no number. */
export function priceText(question: VideoCostQuestion): string {
  const model = `${question.provider}:${question.modelId}`;
  const { cost, seconds } = question;
  if (!cost) {
    return `an unknown price (${model} is not in the kit's price list; look at ${question.provider}'s pricing page) for ${seconds} s`;
  }
  const perSecond = costText({ amount: cost.amount / seconds, currency: cost.currency });
  const checked = cost.priceChecked ? `, prices of ${cost.priceChecked}` : "";
  return `about ${costText(cost)} (${model}, ${seconds} s at ${perSecond}/s${checked})`;
}

/** Saved earlier and the file is still there. A saved file that is gone is fetched again (no new job). */
function savedAndThere(job: JobRecord): boolean {
  return job.state === "saved" && job.outputPath !== undefined && existsSync(job.outputPath);
}

function startLine(job: JobRecord, resumed: boolean, resumable = true): string {
  const key = shortKey(job.key);
  const model = `${job.provider}:${job.modelId}`;
  if (job.state === "saved") {
    return `job ${key} was saved at ${job.outputPath}, which is gone; fetching it again from ${job.provider} (no new job)`;
  }
  if (resumed) return `resuming job ${key} on ${model} (started ${ageText(job.createdAt)} ago)`;
  if (!resumable) {
    return `submitted job ${key} to ${model}; a Gradio app's job lives in this process: keep it running until the video is saved`;
  }
  return `submitted job ${key} to ${model}; if this stops, run the same command again (or resume ${key}): it will not pay twice`;
}

function reportAlreadySaved(job: JobRecord, json: boolean): number {
  const key = shortKey(job.key);
  if (json) printJson({ path: job.outputPath, jobKey: job.key, state: job.state, earlier: true });
  else process.stdout.write(`${job.outputPath}\n`);
  process.stderr.write(
    `job ${key} made this video already (saved ${ageText(job.updatedAt)} ago at ${job.outputPath}); add --new to make another (and pay again)\n`,
  );
  return 0;
}

function reportSaved(result: GenerateVideoResult, saved: SavedVideo, json: boolean): number {
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning.message}\n`);
  if (json) {
    printJson({
      path: saved.path,
      sidecarPath: saved.sidecarPath,
      ...saved.sidecar,
      earlier: saved.earlier,
    });
    return 0;
  }
  process.stdout.write(`${saved.path}\n`);
  const { video } = result;
  const summary = [
    `${result.provider}:${result.modelId}`,
    video.durationSeconds !== undefined && `${video.durationSeconds.toFixed(1)} s`,
    video.width && `${video.width}x${video.height}`,
    [video.container, video.codec].filter(Boolean).join(" "),
    saved.sidecar.cost &&
      (saved.sidecar.cost.amount === 0 ? "free" : `about ${costText(saved.sidecar.cost)}`),
    `job ${shortKey(result.job.key)}`,
    `${formatDuration(result.durationMs)} this run`,
  ];
  process.stderr.write(`${dim(summary.filter(Boolean).join(" · "))}\n`);
  return 0;
}
