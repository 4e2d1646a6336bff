/**
 * Runs the video kit's CLI as a child process, the way `npm run video -- …` does: from a
 * temporary folder (INIT_CWD), with a clean environment and only the variables a test gives.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type KitCliResult, type RunKitCliOptions, runKitCli } from "@path/testing";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
// npm runs the script inside the kit; INIT_CWD is where the person typed the command.
const kit = fileURLToPath(new URL("..", import.meta.url));

/** `cwd` is where the person typed the command; `onStderr` sees progress (to kill mid-way). */
export type RunVideoOptions = Pick<
  RunKitCliOptions,
  "env" | "onStdout" | "onStderr" | "input" | "keepStdinOpen"
> & {
  cwd: string;
};

export function runVideo(args: string[], options: RunVideoOptions): Promise<KitCliResult> {
  const { cwd, ...rest } = options;
  return runKitCli(args, { ...rest, entry: cli, cwd: kit, initCwd: cwd });
}

export interface Probe {
  durationSeconds: number;
  width: number;
  height: number;
  codec: string;
}

/** What ffprobe says about a video file; undefined when ffprobe is not installed. */
export async function ffprobe(path: string): Promise<Probe | undefined> {
  const run = promisify(execFile);
  const output = await run("ffprobe", [
    "-v",
    "error",
    "-print_format",
    "json",
    "-show_format",
    "-show_streams",
    path,
  ]).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!output) return undefined;
  const info = JSON.parse(output.stdout) as {
    format: { duration: string };
    streams: { codec_type: string; codec_name: string; width: number; height: number }[];
  };
  const video = info.streams.find((stream) => stream.codec_type === "video")!;
  return {
    durationSeconds: Number(info.format.duration),
    width: video.width,
    height: video.height,
    codec: video.codec_name,
  };
}

/** ffprobe is on this machine (CI installs it); tests that probe say when it is not. */
export const hasFfprobe = await promisify(execFile)("ffprobe", ["-version"]).then(
  () => true,
  () => false,
);
