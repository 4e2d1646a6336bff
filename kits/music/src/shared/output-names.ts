import { dateStamp, slugify } from "@path/kit-cli";

/** `speech-2026-01-31-welcome-to-generative-ai` (without extension). */
export function speechStem(text: string, date = new Date()): string {
  return audioStem("speech", text, date);
}

/** `song-2026-01-31-小龙`, `music-2026-01-31-lofi-hip-hop` (without extension). */
export function audioStem(kind: string, words: string, date = new Date()): string {
  return `${kind}-${dateStamp(date)}-${slugify(words, { maxLength: 32, fallback: "audio" })}`;
}
