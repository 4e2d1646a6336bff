import type { Progress } from "@path/core";
import { formatBytes } from "./format-bytes.js";
import { formatTimeLeft } from "./format-duration.js";

/** How far along, 0..1: the provider's fraction, else bytes so far of the total, else 0. */
export function progressFraction(progress: Progress): number {
  const { downloadedBytes, totalBytes } = progress;
  const fraction = progress.fraction ?? (totalBytes ? (downloadedBytes ?? 0) / totalBytes : 0);
  return Math.min(1, Math.max(0, fraction));
}

/** `[########------------]   42%  160 MB / 380 MB  8.1 MB/s  ETA 27 s` (or the provider's message before the ETA) */
export function formatProgressBar(progress: Progress, width = 20): string {
  const { downloadedBytes, totalBytes, bytesPerSecond } = progress;
  const fraction = progressFraction(progress);
  const filled = Math.round(fraction * width);
  const parts = [
    `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`,
    `${Math.floor(fraction * 100)}%`.padStart(4),
  ];
  if (downloadedBytes !== undefined) {
    const total = totalBytes === undefined ? "" : ` / ${formatBytes(totalBytes)}`;
    parts.push(`${formatBytes(downloadedBytes)}${total}`);
  }
  if (bytesPerSecond) parts.push(`${formatBytes(bytesPerSecond)}/s`);
  if (progress.message) parts.push(progress.message);
  if (progress.etaSeconds !== undefined && fraction < 1) {
    parts.push(`ETA ${formatTimeLeft(progress.etaSeconds)}`);
  }
  return parts.join("  ");
}

/**
 * A generation's progress (image steps, a job in a queue): the bar once the provider says how
 * far along it is, until then its place in the queue or its message.
 */
export function formatGenerationProgress(progress: Progress): string {
  if (progress.fraction !== undefined) return formatProgressBar(progress);
  if (progress.queuePosition !== undefined) return `queue position ${progress.queuePosition}`;
  return progress.message ?? "";
}
