const pad = (value: number) => value.toString().padStart(2, "0");

/** `2026-01-31` in local time, for file names. */
export function dateStamp(date = new Date()): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `2026-01-31-1405` in local time, for file names of things made at a prompt (a saved chat). */
export function dateTimeStamp(date = new Date()): string {
  return `${dateStamp(date)}-${pad(date.getHours())}${pad(date.getMinutes())}`;
}
