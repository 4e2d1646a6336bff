import type { DownloadProgress, Progress } from "@path/core";

/**
 * A download's progress event. Core's `Progress` has fraction, message and ETA; the byte
 * counts of core's `DownloadProgress` are read when the event carries them too.
 */
export type DownloadEventProgress = Progress & Partial<DownloadProgress>;

const megabyte = 1024 * 1024;

/** `[########------------]  42%  160/380 MB  8.1 MB/s  ETA 27 s` (or core's message before the ETA) */
export function formatProgressBar(progress: DownloadEventProgress, width = 20): string {
  const { downloadedBytes, totalBytes, bytesPerSecond } = progress;
  const fraction = Math.min(
    1,
    Math.max(0, progress.fraction ?? (totalBytes ? (downloadedBytes ?? 0) / totalBytes : 0)),
  );
  const filled = Math.round(fraction * width);
  const parts = [
    `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`,
    `${Math.floor(fraction * 100)}%`.padStart(4),
  ];
  if (downloadedBytes !== undefined) {
    const total = totalBytes === undefined ? "" : `/${(totalBytes / megabyte).toFixed(0)}`;
    parts.push(`${(downloadedBytes / megabyte).toFixed(0)}${total} MB`);
  }
  if (bytesPerSecond) parts.push(`${(bytesPerSecond / megabyte).toFixed(1)} MB/s`);
  if (progress.message) parts.push(progress.message);
  if (progress.etaSeconds !== undefined && fraction < 1) {
    parts.push(`ETA ${formatDuration(progress.etaSeconds)}`);
  }
  return parts.join("  ");
}

function formatDuration(totalSeconds: number): string {
  const rounded = Math.max(0, Math.round(totalSeconds));
  if (rounded < 60) return `${rounded} s`;
  const minutes = Math.floor(rounded / 60);
  return `${minutes} min ${(rounded % 60).toString().padStart(2, "0")} s`;
}
