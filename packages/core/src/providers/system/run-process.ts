import { spawn } from "node:child_process";

export interface ProcessOutput {
  stdout: Buffer;
  stderr: string;
  exitCode: number | null;
}

/**
 * Run a command with arguments (never a shell string), write `input` to its stdin and collect
 * its output. Aborting the signal kills the process and rejects with the signal's reason.
 */
export function runProcess(
  command: string,
  args: string[],
  input: string,
  signal?: AbortSignal,
): Promise<ProcessOutput> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const onAbort = () => {
      child.kill("SIGKILL");
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    // The process may exit before reading all of stdin (a bad voice); that is not our error.
    child.stdin.on("error", () => {});
    child.on("error", (error) => {
      signal?.removeEventListener("abort", onAbort);
      reject(error);
    });
    child.on("close", (exitCode) => {
      signal?.removeEventListener("abort", onAbort);
      resolve({
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString("utf8").trim(),
        exitCode,
      });
    });
    child.stdin.end(input, "utf8");
  });
}
