/**
 * A plain-text table that lines up CJK text: a Chinese character takes two columns in a
 * terminal, so widths are counted in columns, not characters.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const wide =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u;

function columns(grapheme: string): number {
  return wide.test(grapheme) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += columns(segment);
  return width;
}

/** Splits text into lines of at most `width` columns (one line with `…` when `oneLine`). */
export function fit(text: string, width: number, oneLine: boolean): string[] {
  const source = oneLine ? text.replace(/\s+/g, " ").trim() : text.trim();
  const lines: string[] = [];
  for (const paragraph of source.split("\n")) {
    let line = "";
    let used = 0;
    for (const { segment } of segmenter.segment(paragraph)) {
      const size = columns(segment);
      if (used + size > width) {
        if (oneLine) return [`${trimToWidth(line, width - 1)}…`];
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

function trimToWidth(text: string, width: number): string {
  let result = "";
  for (const { segment } of segmenter.segment(text)) {
    if (displayWidth(result) + columns(segment) > width) break;
    result += segment;
  }
  return result;
}

function pad(text: string, width: number, alignRight: boolean): string {
  const space = " ".repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? space + text : text + space;
}

export interface Column {
  title: string;
  alignRight?: boolean;
  /** The one column that takes the leftover width and wraps or truncates. */
  flexible?: boolean;
}

/** Renders rows of cells under the titles, fitting `totalWidth` columns. */
export function renderTable(
  headers: Column[],
  rows: string[][],
  options: { totalWidth: number; full: boolean; wrapRow?: (rowIndex: number) => boolean },
): string {
  const widths = headers.map((header, index) =>
    Math.max(displayWidth(header.title), ...rows.map((row) => displayWidth(row[index] ?? ""))),
  );
  const flexible = headers.findIndex((header) => header.flexible);
  if (flexible >= 0) {
    const others = widths.reduce(
      (sum, width, index) => (index === flexible ? sum : sum + width),
      0,
    );
    const room = options.totalWidth - others - 3 * (headers.length - 1);
    widths[flexible] = Math.min(widths[flexible]!, Math.max(20, room));
  }
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => pad(cell, widths[index]!, headers[index]!.alignRight ?? false))
      .join(" │ ")
      .trimEnd();
  const out = [line(headers.map((header) => header.title))];
  out.push(widths.map((width) => "─".repeat(width)).join("─┼─"));
  for (const [rowIndex, row] of rows.entries()) {
    const cellLines = row.map((cell, index) =>
      index === flexible
        ? fit(cell, widths[index]!, !(options.full || options.wrapRow?.(rowIndex)))
        : [cell],
    );
    const height = Math.max(...cellLines.map((cell) => cell.length));
    for (let index = 0; index < height; index++) {
      out.push(line(cellLines.map((cell) => cell[index] ?? "")));
    }
  }
  return `${out.join("\n")}\n`;
}
