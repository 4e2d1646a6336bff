/** Writing for people: tables on stdout, progress and errors on stderr. */
export function printLine(text = ""): void {
  process.stdout.write(`${text}\n`);
}

export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    printLine(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join("  ")
        .trimEnd(),
    );
  }
}
