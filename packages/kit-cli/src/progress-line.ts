import { type PathEvent, type Progress, redactSecrets } from "@path/core";
import { dim } from "./dim.js";
import { formatGenerationProgress, formatProgressBar, progressFraction } from "./progress-bar.js";

/** One long job's progress on stderr (never stdout, which carries only the result). */
export interface ProgressLine {
  /**
   * Shows a call's `start` and `progress` events (pass it as the call's `onEvent`):
   * `generating with a1111:default …`, then `generating with a1111:default  [###---]  42% …`;
   * a download shows `downloading <model>  [###---]  42%  160 MB / 380 MB  8.1 MB/s  ETA 27 s`.
   */
  onEvent(event: PathEvent): void;
  /** Shows progress a kit measures itself (its own download): `label  [###---]  42%  …`. */
  update(label: string, progress: Progress): void;
  /** Ends an open line before other output: "keep" leaves the last state, "erase" clears it. */
  end(mode?: "keep" | "erase"): void;
}

/**
 * A progress line: redrawn in place in a terminal; elsewhere (a log, CI) a line of its own at
 * the start and each time the job passes another quarter.
 */
export function progressLine(options: { dim?: boolean } = {}): ProgressLine {
  const terminal = process.stderr.isTTY === true;
  let open = false;
  let shownQuarter = -1;
  const show = (text: string) => {
    const styled = options.dim ? dim(redactSecrets(text)) : redactSecrets(text);
    if (!terminal) {
      process.stderr.write(`${styled}\n`);
      return;
    }
    process.stderr.write(`\r${styled}\x1b[K`);
    open = true;
  };
  const showProgress = (text: string, progress: Progress) => {
    const quarter = Math.floor(progressFraction(progress) * 4);
    if (terminal || quarter > shownQuarter) show(text);
    shownQuarter = Math.max(shownQuarter, quarter);
  };
  return {
    onEvent(event) {
      const download = event.job === "download";
      const label = download
        ? `downloading ${event.modelId}`
        : `generating with ${event.provider}:${event.modelId}`;
      if (event.type === "start") show(`${label} …`);
      if (event.type !== "progress") return;
      const state = download
        ? formatProgressBar(event.progress)
        : formatGenerationProgress(event.progress);
      showProgress(`${label}  ${state}`, event.progress);
    },
    update(label, progress) {
      showProgress(`${label}  ${formatProgressBar(progress)}`, progress);
    },
    end(mode = "keep") {
      if (open) process.stderr.write(mode === "keep" ? "\n" : "\r\x1b[K");
      open = false;
    },
  };
}
