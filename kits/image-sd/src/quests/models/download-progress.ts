import type { DownloadProgress } from "@path/core";
import { redactSecrets } from "@path/core";
import { formatProgressBar } from "../../../../text/src/shared/progress-bar.js";

/**
 * A download's progress on stderr: one redrawn line in a terminal
 * (`name  [#####---]  42%  160/380 MB  8.1 MB/s  ETA 27 s`), a line per quarter otherwise
 * (CI logs, pipes). Never on stdout, which carries only the result.
 */
export function downloadProgressPrinter(label: string): {
  update(progress: DownloadProgress): void;
  /** Ends an open terminal line (before any other message). */
  finish(): void;
} {
  const terminal = process.stderr.isTTY === true;
  let lastQuarter = -1;
  let open = false;
  return {
    update(progress) {
      const line = redactSecrets(`${label}  ${formatProgressBar(progress)}`);
      const fraction = progress.totalBytes ? progress.downloadedBytes / progress.totalBytes : 0;
      if (terminal) {
        process.stderr.write(`\r${line}\x1b[K`);
        open = true;
        return;
      }
      const quarter = Math.floor(fraction * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        process.stderr.write(`${line}\n`);
      }
    },
    finish() {
      if (open) process.stderr.write("\n");
      open = false;
    },
  };
}
