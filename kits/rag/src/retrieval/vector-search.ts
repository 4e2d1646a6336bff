import { InvalidInputError } from "@path/core";
import { SignCodes } from "./binary-prescan.js";
import type { Hit } from "./hit.js";
import { TopK } from "./top-k.js";

/**
 * Nearest neighbours by dot product over one contiguous Float32Array (a row per vector). With
 * unit-length embeddings the dot product is the cosine similarity. Below {@link EXACT_BELOW}
 * vectors the search is an exact scan; above, a Hamming scan over 1-bit sign codes picks
 * k × {@link OVERSAMPLE} candidates (at least {@link MIN_CANDIDATES}) and only those get the
 * exact dot product. {@link VectorIndex.searchExact} stays the oracle. Removing a vector moves
 * the last row into its place, so rows stay packed.
 */
export const EXACT_BELOW = 20_000;
export const OVERSAMPLE = 20;
export const MIN_CANDIDATES = 200;

export class VectorIndex {
  private data: Float32Array;
  private readonly rowIds: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly codes: SignCodes;

  constructor(
    readonly dimensions: number,
    capacity = 64,
  ) {
    if (!Number.isInteger(dimensions) || dimensions <= 0) {
      throw new InvalidInputError(
        `Vector dimensions must be a positive whole number, not ${dimensions}.`,
      );
    }
    this.data = new Float32Array(dimensions * Math.max(capacity, 64));
    this.codes = new SignCodes(dimensions, capacity);
  }

  get size(): number {
    return this.rowIds.length;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  /** Adds a vector, or replaces the one with this id. */
  add(id: string, vector: ArrayLike<number>): void {
    this.checkLength(vector, `the vector for ${id}`);
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.rowIds.length;
      if ((row + 1) * this.dimensions > this.data.length) this.grow();
      this.rowIds.push(id);
      this.rowOf.set(id, row);
    }
    this.data.set(vector, row * this.dimensions);
    this.codes.set(row, this.data, row * this.dimensions);
  }

  /** Removes a vector; false when there was none with this id. */
  remove(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    const last = this.rowIds.length - 1;
    if (row !== last) {
      const lastId = this.rowIds[last] as string;
      this.data.copyWithin(
        row * this.dimensions,
        last * this.dimensions,
        (last + 1) * this.dimensions,
      );
      this.codes.move(last, row);
      this.rowIds[row] = lastId;
      this.rowOf.set(lastId, row);
    }
    this.rowIds.pop();
    this.rowOf.delete(id);
    return true;
  }

  /** The stored vector for an id (a copy), or undefined. */
  get(id: string): Float32Array | undefined {
    const row = this.rowOf.get(id);
    if (row === undefined) return undefined;
    return this.data.slice(row * this.dimensions, (row + 1) * this.dimensions);
  }

  /**
   * The k vectors with the highest dot product with the query, best first: exact on small
   * stores, two-stage (sign-code prescan, exact rerank) on large ones.
   */
  search(query: ArrayLike<number>, k = 10): Hit[] {
    const candidates = Math.max(k * OVERSAMPLE, MIN_CANDIDATES);
    if (this.size < EXACT_BELOW || candidates >= this.size) return this.searchExact(query, k);
    this.checkLength(query, "the query vector");
    const q = Float32Array.from(query);
    const best = new TopK(k);
    for (const row of this.codes.nearest(q, this.size, candidates)) {
      best.offer(row, dot(q, this.data, row * this.dimensions));
    }
    return this.hits(best);
  }

  /** The exact k best by a scan of every vector: the oracle for {@link search}. */
  searchExact(query: ArrayLike<number>, k = 10): Hit[] {
    this.checkLength(query, "the query vector");
    const q = Float32Array.from(query);
    const best = new TopK(k);
    for (let row = 0; row < this.rowIds.length; row++) {
      best.offer(row, dot(q, this.data, row * this.dimensions));
    }
    return this.hits(best);
  }

  private hits(best: TopK): Hit[] {
    return best.drain().map(({ slot, score }) => ({ id: this.rowIds[slot] as string, score }));
  }

  /** Ids and packed vectors (size × dimensions), for saving. */
  snapshot(): { ids: string[]; vectors: Float32Array } {
    return {
      ids: [...this.rowIds],
      vectors: this.data.slice(0, this.rowIds.length * this.dimensions),
    };
  }

  /** An index over packed vectors, used in place (not copied): do not change them after. */
  static fromSnapshot(
    dimensions: number,
    ids: readonly string[],
    vectors: Float32Array,
  ): VectorIndex {
    if (vectors.length !== ids.length * dimensions) {
      throw new InvalidInputError(
        `The saved vectors hold ${vectors.length} numbers, not ${ids.length} × ${dimensions}: rebuild the index.`,
      );
    }
    const index = new VectorIndex(dimensions, ids.length);
    index.data = vectors; // used in place: adding past the end copies it first
    ids.forEach((id, row) => {
      index.rowIds.push(id);
      index.rowOf.set(id, row);
    });
    index.codes.setAll(vectors, ids.length);
    return index;
  }

  private checkLength(vector: ArrayLike<number>, what: string): void {
    if (vector.length !== this.dimensions) {
      throw new InvalidInputError(
        `${what} has ${vector.length} dimensions, this index holds ${this.dimensions}: embed with the model the index was built with.`,
      );
    }
  }

  private grow(): void {
    const bigger = new Float32Array(this.data.length * 2);
    bigger.set(this.data);
    this.data = bigger;
  }
}

/** Dot product of q with the row of `data` starting at `offset`, unrolled by four. */
export function dot(q: Float32Array, data: Float32Array, offset: number): number {
  const n = q.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o = offset + i;
    s0 += (q[i] as number) * (data[o] as number);
    s1 += (q[i + 1] as number) * (data[o + 1] as number);
    s2 += (q[i + 2] as number) * (data[o + 2] as number);
    s3 += (q[i + 3] as number) * (data[o + 3] as number);
  }
  for (; i < n; i++) s0 += (q[i] as number) * (data[offset + i] as number);
  return s0 + s1 + s2 + s3;
}
