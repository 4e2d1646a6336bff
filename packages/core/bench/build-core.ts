/** Builds core into `dist` (git-ignored), which the benchmarks load as users would. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const coreDir = fileURLToPath(new URL("..", import.meta.url));
const tscArgs = ["tsc", "-p", "tsconfig.build.json", "--incremental"];
// Keep tsc's incremental state in dist too, out of the work tree.
const buildInfo = ["--tsBuildInfoFile", "dist/.tsbuildinfo"];

/**
 * Resolves to tsc's complaints, if any: tsc writes its output despite type errors (perhaps in
 * files someone is editing), so the benchmarks still run. Throws when there is no output.
 */
export async function buildCore(): Promise<string | undefined> {
  let complaints: string | undefined;
  try {
    await promisify(execFile)("npx", [...tscArgs, ...buildInfo], { cwd: coreDir });
  } catch (error) {
    const { stdout, message } = error as { stdout?: string; message: string };
    complaints = stdout?.trim() || message;
  }
  if (!existsSync(`${coreDir}/dist/index.js`)) {
    throw new Error(`core did not build:\n${complaints}`);
  }
  return complaints;
}
