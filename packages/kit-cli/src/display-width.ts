/**
 * Text measured in terminal columns, so tables line up with Chinese, Japanese and Korean text:
 * a CJK character, a full-width form or an emoji takes two columns, and a character built from
 * several code points (an accent, a flag, a family emoji) is counted once.
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const emoji = /\p{Emoji_Presentation}|\uFE0F/u;

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

function columns(grapheme: string): number {
  return isWide(grapheme.codePointAt(0) ?? 0) || emoji.test(grapheme) ? 2 : 1;
}

/** Columns `text` takes in a terminal: `displayWidth("AI 生成")` is 7. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += columns(segment);
  return width;
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
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    used += columns(segment);
    if (used > width - 1) break;
    result += segment;
  }
  return `${result}…`;
}

/** Lines of at most `width` columns: each line of `text`, broken wherever it is full. */
export function wrapToWidth(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let used = 0;
    for (const { segment } of graphemes.segment(paragraph)) {
      const size = columns(segment);
      if (used + size > width) {
        lines.push(line);
        line = "";
        used = 0;
      }
      line += segment;
      used += size;
    }
    lines.push(line);
  }
  return lines;
}
