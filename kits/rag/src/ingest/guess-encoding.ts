import chardet from "chardet";

// chardet names → what Node's TextDecoder accepts; GBK files are read as GB18030, its superset.
const decoderLabel: Record<string, string> = {
  GB18030: "gb18030",
  Big5: "big5",
  Shift_JIS: "shift_jis",
  "EUC-JP": "euc-jp",
  "EUC-KR": "euc-kr",
  "ISO-2022-JP": "iso-2022-jp",
  "windows-1252": "windows-1252",
  "ISO-8859-1": "windows-1252",
  "windows-1251": "windows-1251",
  "KOI8-R": "koi8-r",
};
const cjkLabels = ["gb18030", "big5", "shift_jis", "euc-jp", "euc-kr"];
// Full-width katakana only: a run of half-width katakana is what Big5 or GBK bytes look like
// read as Shift_JIS, and a dictionary happily calls it a word.
const cjkLetters = /[\p{Script=Han}\p{Script=Hiragana}\u30A0-\u30FF\p{Script=Hangul}]/gu;
const words = new Intl.Segmenter("zh", { granularity: "word" });

export interface Guess {
  text: string;
  label: string;
  /** The encoding's name as people know it. */
  name: string;
}

/**
 * The most likely legacy encoding of bytes that are not UTF-8. chardet's statistics need a few
 * hundred bytes, so a short GBK line can come out as windows-1251 or Big5. Each CJK decoding
 * that is valid is scored by how much of its Han, kana and Hangul text ICU's dictionary finds as words
 * of two or more characters: real Chinese or Japanese does, the wrong code page's Han does not.
 */
export function guessLegacyEncoding(bytes: Uint8Array): Guess | undefined {
  const candidates: { label?: string; name: string; confidence: number }[] = chardet
    .analyse(bytes)
    .map((match) => ({
      label: decoderLabel[match.name],
      name: match.name,
      confidence: match.confidence / 100,
    }));
  for (const label of cjkLabels) candidates.push({ label, name: nameOf(label), confidence: 0 });
  let best: (Guess & { score: number }) | undefined;
  const tried = new Set<string>();
  for (const { label, name, confidence } of candidates) {
    if (!label || tried.has(label)) continue;
    tried.add(label);
    const text = decodeStrictly(bytes, label);
    if (text === undefined) continue;
    const score = cjkLabels.includes(label)
      ? Math.max(confidence, wordLikeShare(text))
      : confidence;
    if (!best || score > best.score) best = { text, label, name, score };
  }
  return best;
}

function decodeStrictly(bytes: Uint8Array, label: string): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Share of CJK letters (in the first 2000 characters) inside dictionary words of two or more. */
function wordLikeShare(text: string): number {
  const sample = text.slice(0, 2000);
  const total = sample.match(cjkLetters)?.length ?? 0;
  if (total === 0) return 0;
  let inWords = 0;
  for (const { segment, isWordLike } of words.segment(sample)) {
    const cjk = segment.match(cjkLetters)?.length ?? 0;
    if (isWordLike && cjk >= 2) inWords += cjk;
  }
  return inWords / total;
}

function nameOf(label: string): string {
  return Object.entries(decoderLabel).find(([, value]) => value === label)?.[0] ?? label;
}
