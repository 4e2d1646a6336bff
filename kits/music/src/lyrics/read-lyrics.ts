/**
 * What `song` sings: a lyrics file (the Markdown `lyrics` saves, or text with section tags) or
 * the lyrics typed on the command line. Lyrics without sections are refused with how to tag them.
 */
import { existsSync } from "node:fs";
import { readInputFile, UsageError } from "@path/kit-cli";
import { howToTag, instrumentalTag, type Lyrics, parseLyrics } from "./lyrics-text.js";

export interface ReadLyrics extends Lyrics {
  /** The file they came from, when they came from one. */
  file?: string;
}

const lyricsFile = /\.(md|markdown|txt|lrc)$/i;

export async function readLyrics(positionals: string[]): Promise<ReadLyrics> {
  const [first] = positionals;
  const fromFile =
    positionals.length === 1 && first && (lyricsFile.test(first) || existsSync(first));
  const text = fromFile ? (await readInputFile(first)).toString("utf8") : positionals.join(" ");
  const where = fromFile ? first : "the lyrics";
  if (!text.trim()) {
    throw new UsageError(
      fromFile
        ? `${first} is empty: write the lyrics in it (${howToTag})`
        : 'give the lyrics: npm run music -- song output/lyrics.md --style "…" (or make them with the lyrics quest)',
    );
  }
  const lyrics = parseLyrics(text);
  if (lyrics.sections.length === 0) throw new UsageError(`${where} has no sections: ${howToTag}`);
  const sung = lyrics.sections.filter((section) => !instrumentalTag.test(section.tag));
  if (sung.every((section) => section.lines.length === 0)) {
    throw new UsageError(`${where} has section tags but no lines to sing under them`);
  }
  return fromFile ? { ...lyrics, file: first } : lyrics;
}
