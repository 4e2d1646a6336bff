/**
 * How long lyrics take to sing, to check them against the length asked for before paying for a
 * song: a pop tempo fits about three syllables a second, and each section gets a few seconds of
 * music around it (a lead-in, a fill, a breath).
 */
import { type LyricsSection, syllablesIn } from "./lyrics-text.js";

export const syllablesPerSecond = 3;
export const secondsPerSection = 2;

/** The assumption, said the same way in help and errors. */
export const rateAssumed = `about ${syllablesPerSecond} syllables a second plus ${secondsPerSection} s of music per section`;

export function sungSeconds(sections: LyricsSection[]): number {
  return syllablesIn(sections) / syllablesPerSecond + sections.length * secondsPerSection;
}

/**
 * Consecutive sections in groups that each fit in `limitSeconds`, for `song --split`.
 * Returns undefined when one section alone is longer than that.
 */
export function groupSections(
  sections: LyricsSection[],
  limitSeconds: number,
): LyricsSection[][] | undefined {
  const groups: LyricsSection[][] = [];
  let group: LyricsSection[] = [];
  for (const section of sections) {
    if (sungSeconds([section]) > limitSeconds) return undefined;
    if (group.length > 0 && sungSeconds([...group, section]) > limitSeconds) {
      groups.push(group);
      group = [];
    }
    group.push(section);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
