import { countTokens } from "./count-tokens.js";

/** A slice `[start, end)` of a document's text, no leading or trailing white space. */
export interface Span {
  start: number;
  end: number;
}

/** A span with its token count. */
export interface Piece extends Span {
  tokens: number;
}

const closers = `"'”’)\\]」』）】》〉`;
// A full stop, ! or ? ends an English sentence before white space and a non-lowercase letter
// ("3.5" and "e.g. the" do not end one); 。！？； end a CJK sentence wherever they are.
// Closing quotes and brackets stay with the sentence they close.
const sentenceEnd = new RegExp(
  `[.!?]+[${closers}]*(?=\\s+[^\\sa-z]|\\s*$)|[。！？；｡．]+[${closers}]*`,
  "gu",
);
const clauseEnd = /[，、：﹐､]|[,;:](?=\s)/gu;
const lineEnd = /\n/g;

const words = new Intl.Segmenter("zh", { granularity: "word" });
const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });

/** The sentences of `span`. */
export function sentences(text: string, span: Span): Span[] {
  return splitAfter(text, span, sentenceEnd);
}

/**
 * `span` cut into pieces of at most `maxTokens`: by line, then clause (，、 , ;), then word,
 * then grapheme cluster, each only where the coarser cut left a piece too big. Only a single
 * grapheme that alone is over the limit comes back bigger.
 */
export function fitSpan(text: string, span: Span, maxTokens: number, level = 0): Piece[] {
  const tokens = countTokens(text.slice(span.start, span.end));
  if (tokens <= maxTokens) return [{ ...span, tokens }];
  const cutters = [
    (s: Span) => splitAfter(text, s, lineEnd),
    (s: Span) => splitAfter(text, s, clauseEnd),
    (s: Span) => splitWords(text, s),
  ];
  for (let l = level; l < cutters.length; l++) {
    const parts = cutters[l]?.(span) ?? [];
    if (parts.length > 1) return parts.flatMap((part) => fitSpan(text, part, maxTokens, l + 1));
  }
  return splitGraphemes(text, span, maxTokens).map((piece) => ({
    ...piece,
    tokens: countTokens(text.slice(piece.start, piece.end)),
  }));
}

function splitAfter(text: string, span: Span, boundary: RegExp): Span[] {
  const spans: Span[] = [];
  const slice = text.slice(span.start, span.end);
  let from = 0;
  for (const match of slice.matchAll(boundary)) {
    const to = (match.index ?? 0) + match[0].length;
    pushTrimmed(spans, text, span.start + from, span.start + to);
    from = to;
  }
  pushTrimmed(spans, text, span.start + from, span.end);
  return spans;
}

function splitWords(text: string, span: Span): Span[] {
  const spans: Span[] = [];
  for (const { index, segment } of words.segment(text.slice(span.start, span.end))) {
    pushTrimmed(spans, text, span.start + index, span.start + index + segment.length);
  }
  return spans;
}

/** The longest run of whole graphemes that fits, again and again (binary search on the count). */
function splitGraphemes(text: string, span: Span, maxTokens: number): Span[] {
  const ends = [...graphemes.segment(text.slice(span.start, span.end))].map(
    ({ index, segment }) => span.start + index + segment.length,
  );
  const spans: Span[] = [];
  let first = 0;
  let start = span.start;
  while (first < ends.length) {
    let low = first + 1;
    let high = Math.min(ends.length, first + maxTokens * 64);
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (countTokens(text.slice(start, ends[mid - 1])) <= maxTokens) low = mid;
      else high = mid - 1;
    }
    const end = ends[low - 1] ?? span.end;
    pushTrimmed(spans, text, start, end);
    first = low;
    start = end;
  }
  return spans;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  if (e > s) spans.push({ start: s, end: e });
}
