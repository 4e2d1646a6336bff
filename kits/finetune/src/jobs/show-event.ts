import type { FineTuningEvent } from "@path/core";

/** One event as a line: `12:03:04  Step 10/100: training loss=0.42`. */
export function eventLine(event: FineTuningEvent): string {
  const time = new Date(event.createdAt * 1000).toISOString().slice(11, 19);
  const level = event.level === "info" ? "" : `${event.level}: `;
  return `${time}  ${level}${event.message}`;
}
