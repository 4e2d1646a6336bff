/**
 * The chat model's answer as lyrics: checked past what the schema says (no section without
 * lines, the structure asked for), with the lines counted and the sung length estimated.
 */
import { InvalidResponseError } from "@path/core";
import { instrumentalTag, type Lyrics } from "./lyrics-text.js";
import { countSyllables } from "./syllables.js";

interface WrittenLyrics {
  title: string;
  style: string;
  sections: { tag: string; lines: string[] }[];
}

/** Throws when a section that should have words has none: such lyrics are not saved. */
export function lyricsFromAnswer(
  answer: WrittenLyrics,
  structure: string[],
  model: string,
): { lyrics: Lyrics; warnings: string[] } {
  const sections = answer.sections.map((section) => ({
    tag: section.tag.trim(),
    lines: section.lines.map((line) => line.trim()).filter(Boolean),
  }));
  const empty = sections.find(
    (section) => section.lines.length === 0 && !instrumentalTag.test(section.tag),
  );
  if (sections.length === 0 || empty) {
    throw new InvalidResponseError(
      model,
      `${empty ? `its [${empty.tag}]` : "its lyrics"} had no lines, so nothing was saved; run again or use another --model`,
    );
  }
  const warnings: string[] = [];
  const tags = sections.map((section) => section.tag).join(",");
  if (tags.toLowerCase() !== structure.join(",").toLowerCase()) {
    warnings.push(`${model} wrote ${tags}, not the --structure ${structure.join(",")} asked for`);
  }
  return { lyrics: { title: answer.title.trim(), style: answer.style.trim(), sections }, warnings };
}

/** One row per line: section, syllables, line; for the terminal and the sidecar. */
export function countedLines(lyrics: Lyrics) {
  return lyrics.sections.flatMap((section) =>
    section.lines.map((line) => ({ section: section.tag, syllables: countSyllables(line), line })),
  );
}
