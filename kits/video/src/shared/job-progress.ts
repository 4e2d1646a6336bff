/**
 * A video job's progress on stderr: `queued (position 3) · 12 s`, `running 45% · 40 s`, then
 * `downloading [####----] 42% …`. Redrawn in place at a terminal; elsewhere (a log, CI, a test)
 * one line each time the state, the percent's quarter or the queue place changes.
 */
import type { Progress } from "@path/core";
import { dim, formatProgressBar, formatTimeLeft, progressFraction } from "@path/kit-cli";

/** What core reports while it waits: where the job stands, plus percent, queue place or bytes. */
export type JobProgress = Progress & { state: string };

export interface JobProgressLine {
  show(progress: JobProgress): void;
  /** A line of its own (resuming …, cost: …), ending any open progress line first. */
  note(text: string): void;
  end(): void;
}

export function jobProgressLine(): JobProgressLine {
  const terminal = process.stderr.isTTY === true;
  const started = Date.now();
  let open = false;
  let lastKey = "";
  const write = (text: string) => {
    if (terminal) {
      process.stderr.write(`\r${dim(text)}\x1b[K`);
      open = true;
    } else process.stderr.write(`${text}\n`);
  };
  const end = () => {
    if (open) process.stderr.write("\n");
    open = false;
  };
  return {
    show(progress) {
      const elapsed = formatTimeLeft((Date.now() - started) / 1000);
      const downloading =
        progress.message === "downloading" || progress.downloadedBytes !== undefined;
      const quarter = Math.floor(progressFraction(progress) * 4);
      if (downloading) {
        const key = `download:${quarter}`;
        if (terminal || key !== lastKey)
          write(`downloading  ${formatProgressBar({ ...progress, message: undefined })}`);
        lastKey = key;
        return;
      }
      const percent =
        progress.fraction !== undefined && (progress.fraction > 0 || progress.state === "running")
          ? ` ${Math.round(progress.fraction * 100)}%`
          : "";
      const place =
        progress.queuePosition !== undefined ? ` (queue position ${progress.queuePosition})` : "";
      const eta =
        progress.etaSeconds !== undefined && progress.etaSeconds >= 1
          ? ` · about ${formatTimeLeft(progress.etaSeconds)} left`
          : "";
      const key = `${progress.state}:${quarter}:${progress.queuePosition ?? ""}`;
      if (terminal || key !== lastKey)
        write(`${progress.state}${percent}${place}${eta} · ${elapsed}`);
      lastKey = key;
    },
    note(text) {
      end();
      process.stderr.write(`${text}\n`);
    },
    end,
  };
}
