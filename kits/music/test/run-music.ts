/**
 * Runs the music kit's CLI as a child process, the way `npm run music -- …` does: from a
 * temporary folder (INIT_CWD), with a clean environment and only the variables a test gives.
 */
import { fileURLToPath } from "node:url";
import { type KitCliResult, runKitCli } from "@path/testing";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
// npm runs the script inside the kit; INIT_CWD is where the person typed the command.
const kit = fileURLToPath(new URL("..", import.meta.url));

export function runMusic(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<KitCliResult> {
  return runKitCli(args, { entry: cli, cwd: kit, initCwd: options.cwd, env: options.env });
}
