import { displayWidth, padToWidth, truncateToWidth, wrapToWidth } from "./display-width.js";

/** How one column is laid out. */
export interface TableColumn {
  alignRight?: boolean;
  /** The one column that takes the width left over (see `totalWidth`): cut to one line, or wrapped. */
  flexible?: boolean;
}

export interface TableOptions {
  /** A first row of titles. */
  header?: string[];
  /** Per column, in order; columns not listed are aligned left. */
  columns?: TableColumn[];
  /** Between columns: two spaces (the default), or `" │ "` for a ruled table. */
  separator?: string;
  /** A line under the header, drawn to match the separator (`──┼──` under `" │ "`). */
  rule?: boolean;
  /** The most columns a cell takes, except in the last column; longer ones are cut with `…`. */
  maxCellWidth?: number;
  /** The table's width in terminal columns; the flexible column fits in what is left (at least 20). */
  totalWidth?: number;
  /** Rows whose flexible cell is shown whole, wrapped, instead of cut to one line. */
  wrapRow?: (rowIndex: number) => boolean;
}

const minimumFlexibleWidth = 20;

/**
 * Rows as aligned columns, one string of lines without a final newline. Widths are terminal
 * columns (displayWidth), so Chinese, Japanese, Korean and emoji cells line up.
 */
export function formatTable(rows: string[][], options: TableOptions = {}): string {
  const separator = options.separator ?? "  ";
  const all = options.header ? [options.header, ...rows] : rows;
  const count = Math.max(0, ...all.map((row) => row.length));
  const limit = (cell: string, index: number) =>
    options.maxCellWidth !== undefined && index < count - 1
      ? truncateToWidth(cell, options.maxCellWidth)
      : cell;
  const widths = Array.from({ length: count }, (_, index) =>
    Math.max(0, ...all.map((row) => displayWidth(limit(row[index] ?? "", index)))),
  );
  const flexible = options.columns?.findIndex((column) => column.flexible) ?? -1;
  if (flexible >= 0 && options.totalWidth !== undefined) {
    const others = widths.reduce(
      (sum, width, index) => (index === flexible ? sum : sum + width),
      0,
    );
    const room = options.totalWidth - others - displayWidth(separator) * (count - 1);
    widths[flexible] = Math.min(widths[flexible]!, Math.max(minimumFlexibleWidth, room));
  }
  const line = (cells: string[]) =>
    widths
      .map((width, index) =>
        padToWidth(cells[index] ?? "", width, { alignRight: options.columns?.[index]?.alignRight }),
      )
      .join(separator)
      .trimEnd();

  const lines: string[] = [];
  if (options.header) lines.push(line(options.header.map(limit)));
  if (options.rule) {
    const crossing = separator.replaceAll(" ", "─").replace("│", "┼");
    lines.push(widths.map((width) => "─".repeat(width)).join(crossing));
  }
  for (const [rowIndex, row] of rows.entries()) {
    const cells = row.map((cell, index) =>
      index === flexible
        ? fit(cell, widths[index]!, options.wrapRow?.(rowIndex) === true)
        : [limit(cell, index)],
    );
    const height = Math.max(1, ...cells.map((cell) => cell.length));
    for (let index = 0; index < height; index++) {
      lines.push(line(cells.map((cell) => cell[index] ?? "")));
    }
  }
  return lines.join("\n");
}

/** A flexible cell: wrapped into lines of `width`, or its words on one line cut with `…`. */
function fit(text: string, width: number, wrap: boolean): string[] {
  if (wrap) return wrapToWidth(text.trim(), width);
  return [truncateToWidth(text.replace(/\s+/g, " ").trim(), width)];
}
