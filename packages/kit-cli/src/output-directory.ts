import { resolve } from "node:path";

/** Where a command writes: `--out` when given, else `./output` of the folder it was run from. */
export function outputDirectory(out?: string): string {
  return resolve(out || "output");
}
