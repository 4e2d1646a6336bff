/** Prints one JSON value on stdout, what `--json` asks for. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
