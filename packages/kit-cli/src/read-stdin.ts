import { UsageError } from "./usage-error.js";

/** True when something is piped in (`echo hi | npm start`), false in an interactive terminal. */
export function stdinIsPiped(): boolean {
  return !process.stdin.isTTY;
}

/**
 * Reads all of stdin as UTF-8, without the one newline that `echo` and editors put at the end
 * (a prompt is what was typed, not how the file ended). Refuses more than `limitBytes` rather
 * than filling memory.
 */
export async function readStdin(limitBytes = 16 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      throw new UsageError(
        `stdin holds more than ${limitBytes / 1024 / 1024} MB; pass a shorter text (a model reads far less at once).`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
