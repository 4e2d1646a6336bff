import { displayWidth, padToWidth, truncateToWidth } from "@path/kit-cli";

/** Rows as aligned columns separated by two spaces; columns are as wide as their widest cell, up to `maxWidth`. */
export function formatTable(rows: string[][], maxWidth = 40): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.min(maxWidth, Math.max(widths[index] ?? 0, displayWidth(cell)));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, index) =>
          index === row.length - 1
            ? cell
            : padToWidth(truncateToWidth(cell, widths[index]!), widths[index]!),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
