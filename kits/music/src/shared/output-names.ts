import { dateStamp } from "@path/kit-cli";

/** Lower-case words joined by `-`, at most `maxLength` characters; CJK characters stay as they are. */
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
  return slug || "audio";
}

/** `speech-2026-01-31-welcome-to-generative-ai` (without extension). */
export function speechStem(text: string, date = new Date()): string {
  return `speech-${dateStamp(date)}-${slugify(text, 32)}`;
}
