/**
 * 1-bit sign codes of the stored vectors (bit set where a component's sign bit is clear), packed 32
 * to a word, and a Hamming-distance scan over them: the cheap first stage of
 * {@link VectorIndex.search} on large stores. Rows mirror the vector rows.
 */
export class SignCodes {
  readonly words: number;
  private codes: Uint32Array;
  private distances = new Uint16Array(0);

  constructor(
    readonly dimensions: number,
    capacity = 64,
  ) {
    this.words = Math.ceil(dimensions / 32);
    this.codes = new Uint32Array(this.words * Math.max(capacity, 1));
  }

  /** Writes the code of the vector at `offset` in `vectors` into `row`, growing as needed. */
  set(row: number, vectors: Float32Array, offset = 0): void {
    if ((row + 1) * this.words > this.codes.length) this.grow((row + 1) * this.words);
    encode(bitsOf(vectors, offset, this.dimensions), this.codes, row * this.words);
  }

  /** Writes the codes of the first `rows` rows of a packed matrix at once (how an index loads). */
  setAll(vectors: Float32Array, rows: number): void {
    if (rows * this.words > this.codes.length) this.grow(rows * this.words);
    const bits = new Uint32Array(vectors.buffer, vectors.byteOffset, rows * this.dimensions);
    for (let row = 0; row < rows; row++) {
      encodeAt(bits, row * this.dimensions, this.dimensions, this.codes, row * this.words);
    }
  }

  /** Copies the code of row `from` into row `to` (a removal moves the last row into a hole). */
  move(from: number, to: number): void {
    this.codes.copyWithin(to * this.words, from * this.words, (from + 1) * this.words);
  }

  /**
   * The `count` rows among the first `rows` whose codes are nearest (Hamming) to the query's;
   * ties at the cut go to the lower rows. Unordered.
   */
  nearest(query: Float32Array, rows: number, count: number): Int32Array {
    if (count >= rows) return Int32Array.from({ length: rows }, (_, row) => row);
    const q = new Uint32Array(this.words);
    encode(bitsOf(query, 0, this.dimensions), q, 0);
    if (this.distances.length < rows) this.distances = new Uint16Array(rows);
    const histogram = new Int32Array(this.dimensions + 1);
    this.scan(q, rows, histogram);
    // The largest distance still taken, and how many rows at exactly that distance fit.
    let cut = 0;
    let below = 0;
    while (below + (histogram[cut] as number) < count) below += histogram[cut++] as number;
    let tiesLeft = count - below;
    const out = new Int32Array(count);
    let n = 0;
    const distances = this.distances;
    for (let row = 0; row < rows; row++) {
      const d = distances[row] as number;
      if (d < cut) out[n++] = row;
      else if (d === cut && tiesLeft > 0) {
        out[n++] = row;
        tiesLeft--;
      }
    }
    return out;
  }

  private scan(q: Uint32Array, rows: number, histogram: Int32Array): void {
    const { codes, distances, words } = this;
    for (let row = 0, base = 0; row < rows; row++, base += words) {
      let d = 0;
      for (let w = 0; w < words; w++) d += popcount((codes[base + w] as number) ^ (q[w] as number));
      distances[row] = d;
      histogram[d] = (histogram[d] as number) + 1;
    }
  }

  private grow(atLeast: number): void {
    const bigger = new Uint32Array(Math.max(atLeast, this.codes.length * 2));
    bigger.set(this.codes);
    this.codes = bigger;
  }
}

/** The raw IEEE bits of one row, so the sign is read without a branch per component. */
function bitsOf(vectors: Float32Array, offset: number, dimensions: number): Uint32Array {
  return new Uint32Array(vectors.buffer, vectors.byteOffset + offset * 4, dimensions);
}

function encode(bits: Uint32Array, out: Uint32Array, at: number): void {
  encodeAt(bits, 0, bits.length, out, at);
}

function encodeAt(
  bits: Uint32Array,
  from: number,
  dimensions: number,
  out: Uint32Array,
  at: number,
): void {
  for (let w = 0, i = 0; i < dimensions; w++) {
    let word = 0;
    const end = Math.min(i + 32, dimensions);
    for (let bit = 0; i < end; i++, bit++) word |= (((bits[from + i] as number) >>> 31) ^ 1) << bit;
    out[at + w] = word >>> 0;
  }
}

/** Set bits in a 32-bit word (SWAR: pairs, nibbles, then a multiply sums the bytes). */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}
