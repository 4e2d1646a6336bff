/**
 * Text measured in terminal columns, so tables line up with Chinese, Japanese and Korean text.
 * `string-width` knows the Unicode tables (East Asian width, emoji sequences, combining marks,
 * zero-width and format characters) and skips ANSI escape codes; this adds tabs and cutting.
 */
import stringWidth from "string-width";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/** CSI (`\x1b[31m`) and OSC (`\x1b]8;;url\x07`, a link) sequences: styling, no columns. */
const escapeSequence = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/y;
/** A tab moves to the next multiple of 8 from where the text starts, as a terminal does at a line's start. */
const tabStop = 8;

/** The pieces a terminal draws one after another: escape sequences and grapheme clusters. */
function* pieces(text: string): Generator<string> {
  let start = 0;
  for (let index = 0; index < text.length; ) {
    escapeSequence.lastIndex = index;
    const match = text[index] === "\x1b" ? escapeSequence.exec(text) : null;
    if (!match) {
      index++;
      continue;
    }
    if (index > start) {
      for (const { segment } of graphemes.segment(text.slice(start, index))) yield segment;
    }
    yield match[0];
    index += match[0].length;
    start = index;
  }
  if (start < text.length) {
    for (const { segment } of graphemes.segment(text.slice(start))) yield segment;
  }
}

/** The column after drawing `piece` at `column`. */
function advance(column: number, piece: string): number {
  if (piece === "\t") return column + tabStop - (column % tabStop);
  return column + stringWidth(piece);
}

/** Columns `text` takes in a terminal: `displayWidth("AI 生成")` is 7. */
export function displayWidth(text: string): number {
  if (!text.includes("\t")) return stringWidth(text);
  let column = 0;
  for (const piece of pieces(text)) column = advance(column, piece);
  return column;
}

/** Spaces after `text` (before it with `alignRight`) up to `width` columns. */
export function padToWidth(text: string, width: number, options: { alignRight?: boolean } = {}) {
  const space = " ".repeat(Math.max(0, width - displayWidth(text)));
  return options.alignRight ? space + text : text + space;
}

/** `text` when it fits in `width` columns, else as much as fits with `…` at the end. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let result = "";
  let column = 0;
  for (const piece of pieces(text)) {
    column = advance(column, piece);
    if (column > width - 1) break;
    result += piece;
  }
  return `${result}…`;
}

/** Lines of at most `width` columns: each line of `text`, broken wherever it is full. */
export function wrapToWidth(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let column = 0;
    for (const piece of pieces(paragraph)) {
      let next = advance(column, piece);
      if (next > width && column > 0) {
        lines.push(line);
        line = "";
        column = 0;
        next = advance(0, piece);
      }
      line += piece;
      column = next;
    }
    lines.push(line);
  }
  return lines;
}
