import { readFile } from "node:fs/promises";
import { UsageError } from "./usage-error.js";

/** A file the user named on the command line: its bytes, or a usage error (exit 2) saying why not. */
export async function readInputFile(file: string): Promise<Buffer> {
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    const why =
      error.code === "EISDIR" ? "it is a folder, not a file" : "no such file, or no permission";
    throw new UsageError(`cannot read ${file}: ${why}`);
  });
}
