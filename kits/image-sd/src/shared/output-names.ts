import { dateStamp, slugify as slugifyText } from "@path/kit-cli";

/**
 * Readable file names for pictures: `2026-01-31-chinese-dragon-cute-1-seed42.png`. The prompt
 * becomes a slug that keeps Chinese, Japanese and Korean characters as they are.
 */

/** The prompt as a file-name slug (`"image"` when it has no letters or digits). */
export function slugify(text: string, maxLength = 40): string {
  return slugifyText(text, { maxLength, fallback: "image" });
}

/** The name (without extension) for picture `index` (1-based) of a prompt. */
export function imageStem(prompt: string, index: number, seed?: number, date = new Date()): string {
  const seedPart = seed === undefined ? "" : `-seed${seed}`;
  return `${dateStamp(date)}-${slugify(prompt)}-${index}${seedPart}`;
}
