/**
 * Runs the image kit's CLI as a child process, the way `npm run image -- …` does: from a
 * temporary folder (INIT_CWD), with a clean environment (no keys, base URLs or proxies from the
 * shell), and only the variables a test gives.
 */
import { fileURLToPath } from "node:url";
import { type KitCliResult, runKitCli } from "@path/testing";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
// npm runs the script inside the kit; INIT_CWD is where the person typed the command.
const kit = fileURLToPath(new URL("..", import.meta.url));

export type CliResult = KitCliResult;

export function runImage(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  return runKitCli(args, { entry: cli, cwd: kit, initCwd: options.cwd, env: options.env });
}
