/**
 * Near-duplicate examples by MinHash: each text becomes a small signature of its character
 * n-grams (3-grams, so Chinese with no spaces works as well as English); texts whose
 * signatures agree in a whole band land in the same bucket and are compared. Memory stays at
 * a few dozen bytes per example, so a 100k-example file is checked without holding its text.
 */
const hashes = 16;
const rows = 4; // hashes per band: 4 bands find ~9 in 10 pairs at 0.8 similarity, few below 0.5
const seeds = Array.from({ length: hashes }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) >>> 0) | 1);

export function normalisedText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, " ")
    .trim();
}

function fnv1a(text: string, start: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < start + length; i++)
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export function minHash(text: string): Uint32Array {
  const signature = new Uint32Array(hashes).fill(0xffffffff);
  const n = Math.min(3, text.length);
  for (let i = 0; i + n <= text.length; i++) {
    const gram = fnv1a(text, i, n);
    for (let h = 0; h < hashes; h++) {
      const value = Math.imul(gram ^ (seeds[h] as number), 0x85ebca6b) >>> 0;
      if (value < (signature[h] as number)) signature[h] = value;
    }
  }
  return signature;
}

export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < hashes; i++) if (a[i] === b[i]) same += 1;
  return same / hashes;
}

/** Collects signatures and reports, for each new text, an earlier line it nearly repeats. */
export class NearDuplicateFinder {
  /** Band hash → the examples in it (one number until a second arrives). */
  private readonly buckets = new Map<number, number | number[]>();
  private readonly signatures: Uint32Array[] = [];
  private readonly lines: number[] = [];

  constructor(private readonly threshold = 0.8) {}

  /** The line of an earlier near-duplicate of `text`, if any; then remembers this one. */
  add(line: number, text: string): number | undefined {
    const signature = minHash(text);
    const index = this.signatures.length;
    let match: number | undefined;
    for (let band = 0; band < hashes / rows; band++) {
      let key = band;
      for (let i = band * rows; i < band * rows + rows; i++) {
        key = Math.imul(key ^ (signature[i] as number), 0x01000193) >>> 0;
      }
      key = key * 8 + band; // one key space per band
      const found = this.buckets.get(key);
      const bucket = found === undefined ? [] : typeof found === "number" ? [found] : found;
      for (const other of bucket) {
        if (
          match === undefined &&
          similarity(signature, this.signatures[other] as Uint32Array) >= this.threshold
        ) {
          match = this.lines[other];
        }
      }
      if (found === undefined) this.buckets.set(key, index);
      else if (bucket.length < 50) this.buckets.set(key, [...bucket, index]);
    }
    this.signatures.push(signature);
    this.lines.push(line);
    return match;
  }
}
