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
  const text = input.normalize("NFC");
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

function analyzeOther(text: string, into: string[]): void {
  if (text.trim() === "") return;
  for (const sentence of text.split(sentenceBreak)) analyzeEnglish(sentence, into);
}
