import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The full path of a command on PATH, or undefined; synchronous so the registry can ask cheaply. */
export function findCommand(name: string): string | undefined {
  const extensions = process.platform === "win32" ? ["", ".exe", ".cmd"] : [""];
  for (const folder of (process.env.PATH ?? "").split(delimiter)) {
    if (!folder) continue;
    for (const extension of extensions) {
      const candidate = join(folder, name + extension);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here; try the next folder.
      }
    }
  }
  return undefined;
}
