/** A seeded shuffle (mulberry32 + Fisher–Yates): the same seed splits a file the same way every time. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Train and validation sets: `fraction` of the examples held out (at least one when asked for any). */
export function splitTrainVal<T>(items: readonly T[], fraction: number, seed: number) {
  const order = shuffled(items, seed);
  let held = Math.round(order.length * fraction);
  if (fraction > 0 && held === 0 && order.length >= 2) held = 1;
  return { train: order.slice(held), val: order.slice(0, held) };
}
