import { dateStamp, slugify } from "@path/kit-cli";

/** `speech-2026-01-31-welcome-to-generative-ai` (without extension). */
export function speechStem(text: string, date = new Date()): string {
  return `speech-${dateStamp(date)}-${slugify(text, { maxLength: 32, fallback: "audio" })}`;
}
