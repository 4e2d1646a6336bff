/**
 * A plain-text table that lines up CJK text: a Chinese character takes two columns in a
 * terminal, so widths are counted in columns (kit-cli's displayWidth), not characters.
 */
import { displayWidth, padToWidth, truncateToWidth, wrapToWidth } from "@path/kit-cli";

/** Splits text into lines of at most `width` columns (one line with `…` when `oneLine`). */
export function fit(text: string, width: number, oneLine: boolean): string[] {
  if (oneLine) return [truncateToWidth(text.replace(/\s+/g, " ").trim(), width)];
  return wrapToWidth(text.trim(), width);
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
      .map((cell, index) =>
        padToWidth(cell, widths[index]!, { alignRight: headers[index]!.alignRight }),
      )
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
