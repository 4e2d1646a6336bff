import { extname, isAbsolute, relative, resolve } from "node:path";
import { PathError, saveFileAtomically } from "@path/core";
import { UsageError } from "./usage-error.js";

/** `./output/` of the directory the command was run from (cli.ts moved there). */
export function outputDir(): string {
  return resolve("output");
}

/**
 * Saves text under output/ and returns the path written. A name that is taken gets `-2`, `-3`, …
 * when `name` was made up by the kit; a name the person chose is never overwritten (error instead).
 */
export async function saveOutput(
  name: string,
  text: string,
  options: { chosenByUser?: boolean } = {},
): Promise<string> {
  const target = resolve(outputDir(), name);
  const inside = relative(outputDir(), target);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) {
    throw new UsageError(`${name} is outside output/; give a file name like notes.md`);
  }
  const extension = extname(target);
  const stem = target.slice(0, target.length - extension.length);
  for (let attempt = 1; ; attempt++) {
    const path = attempt === 1 ? target : `${stem}-${attempt}${extension}`;
    try {
      await saveFileAtomically(path, text);
      return path;
    } catch (error) {
      const taken = PathError.isInstance(error) && error.code === "file-exists";
      if (!taken || options.chosenByUser || attempt >= 100) throw error;
    }
  }
}

/** A file name from the date and time, e.g. `chat-2025-01-31-1405.md`. */
export function timestampedName(prefix: string, extension: string, date = new Date()): string {
  const pad = (value: number) => value.toString().padStart(2, "0");
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${prefix}-${day}-${pad(date.getHours())}${pad(date.getMinutes())}${extension}`;
}
