import { onEvent, PathError } from "@path/core";
import { dim } from "./dim.js";
import { formatDuration } from "./format-duration.js";
import { progressFraction } from "./progress-bar.js";
import { type ProgressLine, progressLine } from "./progress-line.js";

/**
 * Shows what core reports during any call on stderr: notices ("using the embedded local
 * model …"), retries, and model downloads as a progress line. Returns "stop listening".
 * A call's own generation progress is a ProgressLine passed as its `onEvent`.
 */
export function printEvents(options: { showModel?: boolean } = {}): () => void {
  const downloads = new Map<string, ProgressLine>();
  const line = (text: string) => {
    for (const download of downloads.values()) download.end("keep");
    process.stderr.write(`${text}\n`);
  };
  return onEvent((event) => {
    const model = options.showModel ? ` (${event.provider}:${event.modelId})` : "";
    if (event.type === "notice") line(dim(`note: ${event.message}`));
    else if (event.type === "retry") {
      line(
        dim(`retrying in ${formatDuration(event.delayMs)}: ${retryReason(event.error)}${model}`),
      );
    } else if (event.type === "progress" && event.job === "download") {
      const download = downloads.get(event.callId) ?? progressLine();
      downloads.set(event.callId, download);
      download.onEvent(event);
      if (progressFraction(event.progress) >= 1) download.end("keep");
    }
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
