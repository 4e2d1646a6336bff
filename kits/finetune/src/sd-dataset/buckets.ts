/**
 * Aspect-ratio buckets the way kohya's sd-scripts makes them: sides in steps of 64, each bucket
 * no larger in area than resolution², from half the resolution to twice it on the long side.
 */
export function buckets(resolution: number): Array<{ width: number; height: number }> {
  const area = resolution * resolution;
  const found = new Map<string, { width: number; height: number }>();
  for (let width = resolution / 2; width <= resolution * 2; width += 64) {
    const height = Math.min(resolution * 2, Math.floor(area / width / 64) * 64);
    if (height < resolution / 2) continue;
    for (const bucket of [
      { width, height },
      { width: height, height: width },
    ]) {
      found.set(`${bucket.width}x${bucket.height}`, bucket);
    }
  }
  return [...found.values()].sort((a, b) => a.width / a.height - b.width / b.height);
}

/** The bucket whose shape is nearest the picture's. */
export function nearestBucket(width: number, height: number, resolution: number) {
  const ratio = Math.log(width / height);
  let best = { width: resolution, height: resolution };
  for (const bucket of buckets(resolution)) {
    if (
      Math.abs(Math.log(bucket.width / bucket.height) - ratio) <
      Math.abs(Math.log(best.width / best.height) - ratio)
    ) {
      best = bucket;
    }
  }
  return best;
}
