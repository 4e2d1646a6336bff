/** How long something took: `0.42 s`, `1.3 s`. */
export function formatDuration(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(milliseconds < 1000 ? 2 : 1)} s`;
}

/** How long something still takes, in whole seconds: `27 s`, `1 min 35 s`. */
export function formatTimeLeft(seconds: number): string {
  const rounded = Math.max(0, Math.round(seconds));
  if (rounded < 60) return `${rounded} s`;
  const minutes = Math.floor(rounded / 60);
  return `${minutes} min ${(rounded % 60).toString().padStart(2, "0")} s`;
}
