const hanChar = /\p{Script=Han}/u;
const kanaChar = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const chineseWords = new Intl.Segmenter("zh", { granularity: "word" });
const japaneseWords = new Intl.Segmenter("ja", { granularity: "word" });

// Intl.Segmenter's dictionary pass is superlinear in the input length, so very long runs
// without punctuation are segmented in pieces of this many characters.
const maxSegmentChars = 200;

/**
 * A run of Han/Kana characters (no spaces, no punctuation) → dictionary words plus the
 * overlapping bigrams of every Han stretch. The bigrams make 数据库 match 向量数据库 even when
 * the dictionary splits the two differently (向量|数据|库 vs 数据库).
 */
export function analyzeCjkRun(run: string, into: string[]): void {
  const chars = Array.from(run); // code points: a surrogate pair (𠀀) stays one character
  const segmenter = chars.some((c) => kanaChar.test(c)) ? japaneseWords : chineseWords;
  for (let start = 0; start < chars.length; start += maxSegmentChars) {
    const piece = chars.slice(start, start + maxSegmentChars).join("");
    for (const word of segmenter.segment(piece)) {
      if (word.isWordLike) into.push(word.segment);
    }
  }
  pushHanBigrams(chars, into);
}

function pushHanBigrams(chars: string[], into: string[]): void {
  for (let i = 0; i + 1 < chars.length; i++) {
    const first = chars[i] as string;
    const second = chars[i + 1] as string;
    if (hanChar.test(first) && hanChar.test(second)) into.push(first + second);
  }
}
