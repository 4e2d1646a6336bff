/**
 * Lyrics as music models read them: sections tagged `[Verse]`, `[Chorus]`, `[Bridge]`, … each
 * followed by its lines. Read from the Markdown `lyrics` saves (a `# title`, a `Style:` line,
 * the tagged sections) or from plain text with the tags, and written back the same way.
 */
import { countSyllables } from "./syllables.js";

export interface LyricsSection {
  /** `Verse`, `Chorus`, `Verse 2`, … without the brackets. */
  tag: string;
  lines: string[];
}

export interface Lyrics {
  title?: string;
  /** A music-style hint: `upbeat c-pop, 110 bpm, female vocal`. */
  style?: string;
  sections: LyricsSection[];
}

/** The section tags music models know (ACE-Step, ElevenLabs, MiniMax), and their 中文 names. */
const knownTags =
  "intro|verse|pre-chorus|prechorus|chorus|post-chorus|bridge|hook|refrain|interlude|instrumental|break|solo|drop|outro|前奏|主歌|预副歌|副歌|桥段|间奏|尾奏";
const tagPattern = new RegExp(`\\[\\s*((?:${knownTags})(?:[ -]?[\\w\\d]{0,12})?)\\s*\\]`, "giu");
const stylePattern = /^\s*(?:>\s*)?(?:style|风格)\s*[:：]\s*(.+?)\s*$/iu;
const titlePattern = /^\s*#\s+(.+?)\s*#*\s*$/u;

/** Sections that carry no words by nature; the others need at least one line. */
export const instrumentalTag =
  /^(intro|outro|interlude|instrumental|break|solo|drop|前奏|间奏|尾奏)/iu;

export function parseLyrics(text: string): Lyrics {
  const lyrics: Lyrics = { sections: [] };
  // On one line (typed on the command line), a tag starts a section and ` / ` ends a line.
  const oneLine = !text.includes("\n");
  const spread = text.replace(tagPattern, (tag) => `\n${tag}\n`);
  let current: LyricsSection | undefined;
  for (const raw of spread.split(/\r?\n/)) {
    const tag = /^\s*\[([^\]]+)\]\s*$/u.exec(raw);
    if (tag && new RegExp(`^\\[\\s*(?:${knownTags})`, "iu").test(raw.trim())) {
      current = { tag: normaliseTag(tag[1]!), lines: [] };
      lyrics.sections.push(current);
      continue;
    }
    const title = titlePattern.exec(raw);
    if (title && !current && lyrics.title === undefined) {
      lyrics.title = title[1];
      continue;
    }
    const style = stylePattern.exec(raw);
    if (style && !current && lyrics.style === undefined) {
      lyrics.style = style[1];
      continue;
    }
    if (!current) continue;
    const parts = oneLine ? raw.split(/\s+\/\s+/) : [raw];
    for (const part of parts) {
      const line = part.trim();
      if (line) current.lines.push(line);
    }
  }
  return lyrics;
}

function normaliseTag(tag: string): string {
  const trimmed = tag.trim().replace(/\s+/g, " ");
  return /^\p{Script=Latin}/u.test(trimmed)
    ? trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
    : trimmed;
}

/** What is sent to the music model: `[Verse]\nline\nline\n\n[Chorus]\n…`. */
export function taggedLyrics(sections: LyricsSection[]): string {
  return sections.map((section) => [`[${section.tag}]`, ...section.lines].join("\n")).join("\n\n");
}

/** The Markdown file `lyrics` saves and `song` reads back. */
export function lyricsMarkdown(lyrics: Lyrics): string {
  const head = [
    lyrics.title ? `# ${lyrics.title}\n` : "",
    lyrics.style ? `Style: ${lyrics.style}\n` : "",
  ].filter(Boolean);
  return `${[...head, taggedLyrics(lyrics.sections)].join("\n")}\n`;
}

export function syllablesIn(sections: LyricsSection[]): number {
  return sections.reduce(
    (sum, section) => sum + section.lines.reduce((total, line) => total + countSyllables(line), 0),
    0,
  );
}

/** How to write lyrics `song` can read; the end of every "no sections" error. */
export const howToTag =
  "put each section under a tag on its own line: [Verse], [Chorus], [Bridge], [Intro], [Outro]";
