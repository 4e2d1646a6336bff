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

// Word segmentation of a long string is slow (rag.md §4; see graphemeEnds for why).
const wordSegmenterLimit = 5_000;

function splitWords(text: string, span: Span): Span[] {
  if (span.end - span.start > wordSegmenterLimit) {
    return splitAfter(text, span, /\s+/g).flatMap((part) =>
      part.end - part.start > wordSegmenterLimit ? [part] : splitWords(text, part),
    );
  }
  const spans: Span[] = [];
  for (const { index, segment } of words.segment(text.slice(span.start, span.end))) {
    pushTrimmed(spans, text, span.start + index, span.start + index + segment.length);
  }
  return spans;
}

/**
 * The longest run of whole graphemes that fits, again and again: the count doubles while the
 * run fits, then a binary search between the last that fit and the first that did not, so no
 * more than about twice a chunk's text is tokenized per try.
 */
function splitGraphemes(text: string, span: Span, maxTokens: number): Span[] {
  const ends = graphemeEnds(text, span);
  const spans: Span[] = [];
  let first = 0;
  let start = span.start;
  while (first < ends.length) {
    const remaining = ends.length - first;
    const fits = (count: number) =>
      countTokens(text.slice(start, ends[first + count - 1])) <= maxTokens;
    let good = 1; // one grapheme always goes, even one that alone is over the limit
    let bad = remaining + 1;
    for (let count = Math.min(maxTokens, remaining); ; count = Math.min(count * 2, remaining)) {
      if (!fits(count)) {
        bad = count;
        break;
      }
      good = count;
      if (count === remaining) break;
    }
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      if (fits(middle)) good = middle;
      else bad = middle;
    }
    const end = ends[first + good - 1] ?? span.end;
    pushTrimmed(spans, text, start, end);
    first += good;
    start = end;
  }
  return spans;
}

/**
 * Where each grapheme of `span` ends, read 256 characters at a time: every segment V8's
 * Intl.Segmenter hands out copies the whole input, so one pass over a long string is quadratic.
 * (A grapheme longer than the window, a pile of combining marks, is cut at the window.)
 */
function graphemeEnds(text: string, span: Span): number[] {
  const ends: number[] = [];
  let from = span.start;
  while (from < span.end) {
    let to = Math.min(span.end, from + 256);
    const code = text.charCodeAt(to - 1);
    if (to < span.end && code >= 0xd800 && code <= 0xdbff) to--; // not between a surrogate pair
    const segments = [...graphemes.segment(text.slice(from, to))];
    // The window may cut the last grapheme short: read it again at the start of the next one.
    if (to < span.end && segments.length > 1) segments.pop();
    for (const { index, segment } of segments) ends.push(from + index + segment.length);
    from = ends.at(-1) ?? to;
  }
  return ends;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  if (e > s) spans.push({ start: s, end: e });
}
