/**
 * Syllables per line, as a singer would count them: 中文 (and kana, hangul) one character one
 * syllable; English by vowel groups, a silent final e dropped, at least one per word.
 */
const oneSyllableCharacter =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const latinWord = /[a-z]+(?:'[a-z]+)*/gi;

export function countSyllables(line: string): number {
  const characters = line.match(oneSyllableCharacter)?.length ?? 0;
  const words = line.match(latinWord) ?? [];
  return characters + words.reduce((sum, word) => sum + englishSyllables(word), 0);
}

export function englishSyllables(word: string): number {
  const lower = word.toLowerCase().replace(/'/g, "");
  const groups = lower.match(/[aeiouy]+/g)?.length ?? 0;
  // "love", "time": the final e is silent; "little", "free", "the" keep theirs.
  const silentE = /[^aeiouy]e$/.test(lower) && !/[^aeiouy]le$/.test(lower) && groups > 1;
  const silentEs = /[^aeiouy][^aeiouyslc]es$/.test(lower) && groups > 1;
  return Math.max(1, groups - (silentE || silentEs ? 1 : 0));
}
