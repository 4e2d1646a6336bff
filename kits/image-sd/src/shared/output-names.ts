import { dateStamp } from "@path/kit-cli";

/**
 * Readable file names for pictures: `2026-01-31-chinese-dragon-cute-1-seed42.png`. The prompt
 * becomes a slug that keeps Chinese, Japanese and Korean characters as they are.
 */

/** Lower-case words joined by `-`, at most `maxLength` characters, cut at a word boundary. */
export function slugify(text: string, maxLength = 40): string {
  const words = text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if ([...next].length > maxLength) {
      if (!slug) slug = [...word].slice(0, maxLength).join("");
      break;
    }
    slug = next;
  }
  return slug || "image";
}

/** The name (without extension) for picture `index` (1-based) of a prompt. */
export function imageStem(prompt: string, index: number, seed?: number, date = new Date()): string {
  const seedPart = seed === undefined ? "" : `-seed${seed}`;
  return `${dateStamp(date)}-${slugify(prompt)}-${index}${seedPart}`;
}
