/** Columns a string takes in a terminal: CJK, full-width forms and most emoji take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

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

/** Pads to `width` columns, cutting with "…" when longer. */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text + " ".repeat(width - displayWidth(text));
  let result = "";
  for (const char of text) {
    if (displayWidth(result + char) > width - 1) break;
    result += char;
  }
  return `${result}…${" ".repeat(width - 1 - displayWidth(result))}`;
}

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
        .map((cell, index) => (index === row.length - 1 ? cell : fitWidth(cell, widths[index]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
