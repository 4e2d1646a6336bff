import type { DownloadProgress } from "@path/core";
import { formatBytes } from "../format-bytes.js";

/**
 * A download bar on stderr: `[########----------]  45%  220 MB / 491 MB  5.2 MB/s  ETA 0:52`,
 * redrawn in place on a terminal, or a line every few seconds when stderr is a file.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): {
  update(progress: DownloadProgress): void;
  done(): void;
} {
  const interactive = stream.isTTY === true;
  let lastLine = 0;
  let drawn = false;
  return {
    update(progress) {
      const now = performance.now();
      const finished =
        progress.totalBytes !== undefined && progress.downloadedBytes >= progress.totalBytes;
      if (!interactive && !finished && now - lastLine < 5_000) return;
      lastLine = now;
      const text = describe(progress);
      if (interactive) stream.write(`\r${text}\u001b[K`);
      else stream.write(`${text}\n`);
      drawn = true;
    },
    done() {
      if (interactive && drawn) stream.write("\n");
    },
  };
}

function describe(progress: DownloadProgress): string {
  const { downloadedBytes, totalBytes, bytesPerSecond, etaSeconds } = progress;
  const speed = `${formatBytes(bytesPerSecond)}/s`;
  if (!totalBytes) return `${formatBytes(downloadedBytes)}  ${speed}`;
  const fraction = Math.min(1, downloadedBytes / totalBytes);
  const width = 24;
  const filled = Math.round(fraction * width);
  const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const eta = etaSeconds === undefined ? "" : `  ETA ${clock(etaSeconds)}`;
  return `${bar} ${percent}  ${formatBytes(downloadedBytes)} / ${formatBytes(totalBytes)}  ${speed}${eta}`;
}

function clock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}
