/** Starts fake-server-process.ts and hands back its URLs. */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface FakeServerURLs {
  /** Echoes the prompt. */
  plain: string;
  /** Streams the long answer. */
  long: string;
}

export function startFakeServer(streamTokens: number) {
  const script = fileURLToPath(new URL("./fake-server-process.ts", import.meta.url));
  const child = fork(script, [String(streamTokens)]);
  const urls = new Promise<FakeServerURLs>((resolve, reject) => {
    child.once("message", (message) => resolve(message as FakeServerURLs));
    child.once("exit", (code) => reject(new Error(`fake server exited with ${code}`)));
  });
  return { urls, stop: () => child.disconnect() };
}
