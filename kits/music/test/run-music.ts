/**
 * Runs the music kit's CLI as a child process, the way `npm run music -- …` does: from a
 * temporary folder (INIT_CWD), with a clean environment and only the variables a test gives.
 */
import { fileURLToPath } from "node:url";
import { type KitCliResult, type RunKitCliOptions, runKitCli } from "@path/testing";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
// npm runs the script inside the kit; INIT_CWD is where the person typed the command.
const kit = fileURLToPath(new URL("..", import.meta.url));

/** `cwd` is where the person typed the command; `onStderr` sees progress (to press Ctrl-C). */
export type RunMusicOptions = Pick<RunKitCliOptions, "env" | "onStdout" | "onStderr"> & {
  cwd: string;
};

export function runMusic(args: string[], options: RunMusicOptions): Promise<KitCliResult> {
  const { cwd, ...rest } = options;
  return runKitCli(args, { ...rest, entry: cli, cwd: kit, initCwd: cwd });
}
