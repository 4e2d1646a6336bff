/**
 * Turns a download's progress into core `progress` events (at most a few per second) so a
 * kit can draw a bar (kit-cli's shows the bytes, speed and ETA), plus `notice` events at the
 * start and the end.
 */
import { type DownloadProgress, emitEvent, newCallId } from "@path/core";

const intervalMs = 250;

export function downloadEventReporter(modelId: string): {
  notice(message: string): void;
  progress(progress: DownloadProgress): void;
} {
  const callId = newCallId();
  const base = { callId, job: "download" as const, provider: "local", modelId };
  let last = 0;
  return {
    notice: (message) => emitEvent({ ...base, type: "notice", message }),
    progress: (progress) => {
      const now = performance.now();
      const done =
        progress.totalBytes !== undefined && progress.downloadedBytes >= progress.totalBytes;
      if (!done && now - last < intervalMs) return;
      last = now;
      const { downloadedBytes, totalBytes, bytesPerSecond, etaSeconds } = progress;
      emitEvent({
        ...base,
        type: "progress",
        progress: {
          fraction: totalBytes ? downloadedBytes / totalBytes : undefined,
          downloadedBytes,
          totalBytes,
          bytesPerSecond,
          etaSeconds,
        },
      });
    },
  };
}
