import { access } from "node:fs/promises";
import { saveFileAtomically } from "@path/core";
import { UsageError } from "@path/kit-cli";

/** One JSON value a line, ending in a newline. */
export function jsonLines(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value)}\n`).join("");
}

/**
 * Writes each file atomically. Without `force`, nothing is written when any of them exists, so
 * a reviewed dataset is never replaced by accident.
 */
export async function writeNewFiles(files: Record<string, string>, force: boolean): Promise<void> {
  if (!force) {
    for (const path of Object.keys(files)) {
      const exists = await access(path).then(
        () => true,
        () => false,
      );
      if (exists)
        throw new UsageError(`${path} exists; add --force to replace it, or choose another --out`);
    }
  }
  for (const [path, text] of Object.entries(files)) {
    await saveFileAtomically(path, text, { overwrite: true });
  }
}
