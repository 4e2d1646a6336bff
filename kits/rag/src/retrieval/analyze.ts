import { analyzeCjkRun } from "./cjk.js";
import { analyzeEnglish } from "./english.js";

// Han, Hiragana, Katakana and the marks that live inside their words (ー 々 〆).
const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;
// Other text is segmented a sentence or a line at a time: Intl.Segmenter slows down on
// very long strings.
const sentenceBreak = /(?<=[.!?])\s+|\n+/;

/**
 * Text → index terms, for documents and queries alike. English (and any Latin or digits,
 * also inside Chinese text): Lucene-like analysis with Porter stems. Chinese and Japanese:
 * dictionary words plus Han bigrams. Terms keep their order and repeats (BM25 counts them).
 */
export function analyze(input: string): string[] {
  const text = foldWidth(input.normalize("NFC"));
  const terms: string[] = [];
  let last = 0;
  for (const match of text.matchAll(cjkRun)) {
    analyzeOther(text.slice(last, match.index), terms);
    analyzeCjkRun(match[0], terms);
    last = match.index + match[0].length;
  }
  analyzeOther(text.slice(last), terms);
  return terms;
}

/**
 * Full-width ASCII (ＢＭ２５, common in Chinese text) → ASCII, half-width katakana → full-width,
 * as Lucene's CJKWidthFilter does, so both spellings give the same terms.
 */
function foldWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF65-\uFF9F]+/g, (run) => run.normalize("NFKC"));
}

function analyzeOther(text: string, into: string[]): void {
  if (text.trim() === "") return;
  for (const sentence of text.split(sentenceBreak)) analyzeEnglish(sentence, into);
}
