/**
 * Fetches one GPU build package from the npm registry with npm itself (`npm pack`), so the
 * person's registry, mirror, proxy and cache settings apply, then unpacks it with `tar`
 * (part of Linux, macOS and Windows 10+). Nothing is installed and no script runs.
 */
import { execFile } from "node:child_process";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Puts the package `name@version` unpacked into a new folder inside `into`; returns that folder. */
export type PackageFetcher = (name: string, version: string, into: string) => Promise<string>;

export const fetchFromRegistry: PackageFetcher = async (name, version, into) => {
  await npm(["pack", `${name}@${version}`, "--pack-destination", into, "--silent"], into);
  const [tarball] = (await readdir(into)).filter((file) => file.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${name}@${version} wrote no package`);
  await run("tar", ["-xzf", tarball], { cwd: into });
  await rm(join(into, tarball));
  return join(into, "package");
};

/** npm as `npm run` started it (npm_execpath), else the one on PATH. */
function npm(args: string[], cwd: string) {
  const npmCli = process.env.npm_execpath;
  if (npmCli?.endsWith(".js")) return run(process.execPath, [npmCli, ...args], { cwd });
  return run(process.platform === "win32" ? "npm.cmd" : "npm", args, {
    cwd,
    shell: process.platform === "win32",
  });
}
