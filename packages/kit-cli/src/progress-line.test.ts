import type { PathEvent, Progress } from "@path/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { progressLine } from "./progress-line.js";

const isTTY = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
afterEach(() => {
  vi.restoreAllMocks();
  if (isTTY) Object.defineProperty(process.stderr, "isTTY", isTTY);
  else delete (process.stderr as { isTTY?: boolean }).isTTY;
});

function captureStderr(terminal: boolean): string[] {
  const written: string[] = [];
  Object.defineProperty(process.stderr, "isTTY", { value: terminal, configurable: true });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  return written;
}

const base = { callId: "call-1", job: "image", provider: "a1111", modelId: "default" } as const;
const progress = (value: Progress): PathEvent => ({ ...base, type: "progress", progress: value });

describe("progressLine", () => {
  it("in a log, prints the start and a line each time another quarter is passed", () => {
    const written = captureStderr(false);
    const line = progressLine();
    line.onEvent({ ...base, type: "start" });
    for (const fraction of [0, 0.1, 0.3, 0.4, 0.8, 1]) line.onEvent(progress({ fraction }));
    line.end("erase");
    expect(written.map((text) => text.replace(/\[.*\]/, "[bar]"))).toEqual([
      "generating with a1111:default …\n",
      "generating with a1111:default  [bar]    0%\n",
      "generating with a1111:default  [bar]   30%\n",
      "generating with a1111:default  [bar]   80%\n",
      "generating with a1111:default  [bar]  100%\n",
    ]);
  });

  it("in a terminal, redraws one line and keeps or erases it at the end", () => {
    const written = captureStderr(true);
    const line = progressLine();
    line.update("model.safetensors", { downloadedBytes: 1024 * 1024, totalBytes: 4 * 1024 * 1024 });
    line.end("keep");
    line.onEvent(progress({ queuePosition: 2 }));
    line.end("erase");
    line.end("erase");
    expect(written).toEqual([
      "\rmodel.safetensors  [#####---------------]   25%  1.0 MB / 4.2 MB\x1b[K",
      "\n",
      "\rgenerating with a1111:default  queue position 2\x1b[K",
      "\r\x1b[K",
    ]);
  });
});
