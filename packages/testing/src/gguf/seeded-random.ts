/** mulberry32: a tiny seeded PRNG, so the same options always give the same weights. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills `target` with normal samples (Box-Muller) of the given standard deviation. */
export function fillNormal(target: Float32Array, random: () => number, deviation: number): void {
  for (let index = 0; index < target.length; index += 2) {
    const radius = Math.sqrt(-2 * Math.log(random() || Number.MIN_VALUE)) * deviation;
    const angle = 2 * Math.PI * random();
    target[index] = radius * Math.cos(angle);
    if (index + 1 < target.length) target[index + 1] = radius * Math.sin(angle);
  }
}
