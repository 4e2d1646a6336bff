import type { PathEvent } from "@path/core";
import { formatProgressBar } from "../../../text/src/shared/progress-bar.js";
import { dim } from "../../../text/src/shared/style.js";

/**
 * One line on stderr while pictures are made: "generating with a1111:default …", then a
 * redrawn bar as the provider reports steps or queue position. Not a terminal (a log, CI):
 * a line per quarter instead of a redrawn bar.
 */
export function imageProgress(): {
  onEvent: (event: PathEvent) => void;
  done(): void;
} {
  const tty = Boolean(process.stderr.isTTY);
  let open = false;
  let lastQuarter = -1;
  const show = (text: string) => {
    if (tty) {
      process.stderr.write(`\r${dim(text)}\x1b[K`);
      open = true;
    } else process.stderr.write(`${dim(text)}\n`);
  };
  return {
    onEvent(event) {
      const label = `${event.provider}:${event.modelId}`;
      if (event.type === "start") show(`generating with ${label} …`);
      if (event.type !== "progress") return;
      const { progress } = event;
      const queued =
        progress.queuePosition !== undefined ? `queue position ${progress.queuePosition}` : "";
      const line = `generating with ${label}  ${progress.fraction === undefined ? queued || progress.message || "" : formatProgressBar(progress)}`;
      if (tty) return show(line);
      const quarter = Math.floor((progress.fraction ?? 0) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        show(line);
      }
    },
    done() {
      if (open) process.stderr.write("\r\x1b[K");
      open = false;
    },
  };
}
