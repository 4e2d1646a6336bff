import { onEvent, PathError, type PathEvent } from "@path/core";
import { type DownloadEventProgress, formatProgressBar } from "./progress-bar.js";
import { dim } from "./style.js";
import { seconds } from "./summary.js";

/**
 * Shows what core reports during a call on stderr: notices ("using the embedded local
 * model …"), retries, and model downloads as a one-line progress bar. Returns "stop listening".
 */
export function printEvents(options: { showModel?: boolean } = {}): () => void {
  const lastQuarter = new Map<string, number>();
  let barOpen = false;
  const line = (text: string) => {
    process.stderr.write(`${barOpen ? "\n" : ""}${text}\n`);
    barOpen = false;
  };

  function showDownload(event: Extract<PathEvent, { type: "progress" }>) {
    const progress = event.progress as DownloadEventProgress;
    const bar = `downloading ${event.modelId}  ${formatProgressBar(progress)}`;
    const fraction =
      progress.fraction ??
      (progress.totalBytes ? (progress.downloadedBytes ?? 0) / progress.totalBytes : 0);
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${bar}\x1b[K${fraction >= 1 ? "\n" : ""}`);
      barOpen = fraction < 1;
      return;
    }
    // Not a terminal (a log file, CI): a line each quarter instead of a redrawn bar.
    const quarter = Math.floor(fraction * 4);
    if (quarter > (lastQuarter.get(event.callId) ?? -1)) {
      lastQuarter.set(event.callId, quarter);
      line(bar);
    }
  }

  return onEvent((event) => {
    const model = options.showModel ? ` (${event.provider}:${event.modelId})` : "";
    if (event.type === "notice") line(dim(`note: ${event.message}`));
    else if (event.type === "retry") {
      line(dim(`retrying in ${seconds(event.delayMs)}: ${retryReason(event.error)}${model}`));
    } else if (event.type === "progress" && event.job === "download") showDownload(event);
  });
}

/** "rate limited", "HTTP 503", "connection failed", … */
function retryReason(error: Error): string {
  if (!PathError.isInstance(error)) return error.message.split("\n")[0]!;
  const status = (error as PathError & { status?: number }).status;
  if (error.code === "rate-limited") return "rate limited";
  if (status !== undefined) return `HTTP ${status}`;
  return error.code.replaceAll("-", " ");
}
