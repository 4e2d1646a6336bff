/** Small statistics helpers for the benchmarks. Times are in milliseconds. */

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Nearest-rank percentile, `p` in 0..100. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** CPU time (user + system) this process has used so far, in ms, all threads included. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `task` and returns how long it took, wall clock and this process's CPU. */
export async function timed(
  task: () => Promise<unknown>,
): Promise<{ wallMs: number; cpuMs: number }> {
  const cpuStart = cpuMs();
  const start = performance.now();
  await task();
  return { wallMs: performance.now() - start, cpuMs: cpuMs() - cpuStart };
}

/** The order of contenders for step `step`: rotated, so none always goes first. */
export function rotated<T>(items: readonly T[], step: number): T[] {
  const shift = step % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
