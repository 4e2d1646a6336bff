/**
 * A timeout or wait as a person reads it in a message: `200 ms` below a second (rounding it to
 * seconds would say `0 s`), else seconds with at most one decimal: `1.5 s`, `60 s`.
 */
export function durationText(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  return `${Number((milliseconds / 1000).toFixed(1))} s`;
}
