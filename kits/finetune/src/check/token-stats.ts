/** Token counts per example: totals, percentiles and a histogram in doubling bins. */
export interface TokenStats {
  total: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  histogram: Array<{ upTo: number | null; examples: number }>;
}

export function tokenStats(counts: Uint32Array): TokenStats {
  const sorted = counts.slice().sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const bins = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];
  const histogram = [...bins.map((upTo) => ({ upTo, examples: 0 })), { upTo: null, examples: 0 }];
  let total = 0;
  for (const count of sorted) {
    total += count;
    const bin = bins.findIndex((upTo) => count <= upTo);
    (histogram[bin === -1 ? bins.length : bin] as { examples: number }).examples += 1;
  }
  const last = histogram.findLastIndex((bin) => bin.examples > 0);
  return {
    total,
    min: sorted[0] ?? 0,
    median: at(0.5),
    p95: at(0.95),
    max: sorted.at(-1) ?? 0,
    histogram: histogram.slice(0, last + 1),
  };
}
