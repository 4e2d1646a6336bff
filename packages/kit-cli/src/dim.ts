/** Dim text for side notes on stderr (summaries, retries), plain when stderr is not a terminal. */
export function dim(text: string): string {
  const color =
    process.env.FORCE_COLOR !== undefined ||
    (process.stderr.isTTY && process.env.NO_COLOR === undefined && process.env.TERM !== "dumb");
  return color ? `\x1b[2m${text}\x1b[22m` : text;
}
