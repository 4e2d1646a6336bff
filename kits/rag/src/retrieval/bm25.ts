import { analyze as defaultAnalyze } from "./analyze.js";
import type { Hit } from "./hit.js";
import { Postings } from "./postings.js";
import { TopK } from "./top-k.js";

export interface Bm25Options {
  /** Term-frequency saturation. 0.9 with b = 0.4 is Anserini's BEIR setting. */
  k1?: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b?: number;
  /** Fields scored separately and summed (BEIR "multifield"). */
  fields?: readonly string[];
  /** Text → terms; documents and queries go through the same one. */
  analyze?: (text: string) => string[];
}

/** A document's distinct terms in one field and how often each occurs. */
export interface TermCounts {
  terms: readonly string[];
  freqs: Uint32Array;
}

const noTerms: TermCounts = { terms: [], freqs: new Uint32Array(0) };

/** A BM25 index as flat arrays (see {@link Bm25Index.toColumns}). */
export interface Bm25Columns {
  k1: number;
  b: number;
  fields: string[];
  ids: string[];
  terms: string[];
  perField: Array<{
    offsets: Uint32Array;
    slots: Uint32Array;
    freqs: Uint32Array;
    lengths: Uint32Array;
  }>;
}

/** One field's inverted index and the length statistics BM25 normalises by. */
interface FieldIndex {
  postings: Map<string, Postings>;
  lengths: Uint32Array;
  totalLength: number;
  /** Documents with at least one term in this field (Lucene's docCount). */
  docCount: number;
  /** Per slot k1 · (1 − b + b · len / avgLen); computed at the first query after a change. */
  norms: Float64Array | undefined;
}

/**
 * BM25 over several fields, scored Lucene's way and summed across fields:
 *   score(d, q) = Σ_field Σ_term∈q idf · tf / (tf + k1 · (1 − b + b · len / avgLen))
 *   idf = ln(1 + (N − n + 0.5) / (n + 0.5))
 * with N and avgLen per field. Documents can be added, replaced and removed by id.
 */
export class Bm25Index {
  readonly k1: number;
  readonly b: number;
  readonly fields: readonly string[];
  private readonly analyzeText: (text: string) => string[];
  /** Slot → id; a removed document leaves `undefined` until the next snapshot compacts. */
  private slotIds: Array<string | undefined> = [];
  private readonly slotOf = new Map<string, number>();
  /** Slot → per field, the term counts (what a removal takes out of the postings). */
  private docTerms: Array<TermCounts[] | undefined> = [];
  private readonly fieldIndexes: FieldIndex[];
  private scratch = new Float64Array(0);

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 0.9;
    this.b = options.b ?? 0.4;
    this.fields = options.fields ?? ["title", "text"];
    this.analyzeText = options.analyze ?? defaultAnalyze;
    this.fieldIndexes = this.fields.map(() => ({
      postings: new Map(),
      lengths: new Uint32Array(16),
      totalLength: 0,
      docCount: 0,
      norms: undefined,
    }));
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /**
   * Adds a document, or replaces the one with this id. Its fields are read by name (e.g.
   * `{ title, text }`); other properties are ignored, a missing field counts as empty.
   */
  add(id: string, document: object): void {
    const fields = document as Record<string, unknown>;
    this.addTerms(
      id,
      this.fields.map((field) => {
        const value = fields[field];
        return typeof value === "string" ? this.analyzeText(value) : [];
      }),
    );
  }

  /** Adds already analysed terms, one list per field in `fields` order. */
  addTerms(id: string, termsByField: readonly (readonly string[])[]): void {
    this.addCounts(
      id,
      this.fields.map((_, f) => {
        const counts = countTerms(termsByField[f] ?? []);
        return { terms: [...counts.keys()], freqs: Uint32Array.from(counts.values()) };
      }),
    );
  }

  /**
   * Builds an index from every document at once (how a stored index opens): each field's
   * postings are two exactly sized arrays, filled in one pass, instead of one growing pair per
   * term. Scores are identical to adding the documents one by one.
   */
  static fromCounts(
    ids: readonly string[],
    countsByDoc: readonly (readonly TermCounts[])[],
    options: Omit<Bm25Options, "analyze"> & Pick<Bm25Options, "analyze"> = {},
  ): Bm25Index {
    const index = new Bm25Index(options);
    ids.forEach((id, slot) => {
      if (index.slotOf.has(id)) throw new Error(`document ${id} is given twice`);
      index.slotIds.push(id);
      index.slotOf.set(id, slot);
      index.docTerms[slot] = index.fields.map((_, f) => countsByDoc[slot]?.[f] ?? noTerms);
    });
    index.fieldIndexes.forEach((field, f) => {
      const df = new Map<string, number>();
      let total = 0;
      for (const fields of index.docTerms) {
        for (const term of (fields as TermCounts[])[f]?.terms ?? []) {
          df.set(term, (df.get(term) ?? 0) + 1);
          total++;
        }
      }
      const slots = new Uint32Array(total);
      const freqs = new Uint32Array(total);
      let start = 0;
      for (const [term, n] of df) {
        const end = start + n;
        field.postings.set(
          term,
          new Postings(slots.subarray(start, end), freqs.subarray(start, end)),
        );
        start = end;
      }
      field.lengths = new Uint32Array(Math.max(16, ids.length));
      index.docTerms.forEach((fields, slot) => {
        const { terms, freqs: counts } = (fields as TermCounts[])[f] as TermCounts;
        let length = 0;
        terms.forEach((term, i) => {
          (field.postings.get(term) as Postings).add(slot, counts[i] as number);
          length += counts[i] as number;
        });
        field.lengths[slot] = length;
        field.totalLength += length;
        if (length > 0) field.docCount++;
      });
    });
    return index;
  }

  /** Adds a document given as term counts per field. */
  addCounts(id: string, countsByField: readonly TermCounts[]): void {
    this.remove(id);
    const slot = this.slotIds.length;
    this.slotIds.push(id);
    this.slotOf.set(id, slot);
    const kept = this.fields.map((_, f) => countsByField[f] ?? noTerms);
    this.fieldIndexes.forEach((field, f) => {
      const { terms, freqs } = kept[f] as TermCounts;
      let length = 0;
      terms.forEach((term, i) => {
        let postings = field.postings.get(term);
        if (!postings) {
          postings = new Postings();
          field.postings.set(term, postings);
        }
        postings.add(slot, freqs[i] as number);
        length += freqs[i] as number;
      });
      if (field.lengths.length <= slot) field.lengths = grow(field.lengths, slot + 1);
      field.lengths[slot] = length;
      field.totalLength += length;
      if (length > 0) field.docCount++;
      field.norms = undefined;
    });
    this.docTerms[slot] = kept;
  }

  /** Removes a document; false when there was none with this id. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const countsByField = this.countsOf(slot);
    this.fieldIndexes.forEach((field, f) => {
      for (const term of countsByField[f]?.terms ?? []) {
        const postings = field.postings.get(term);
        postings?.remove(slot);
        if (postings?.length === 0) field.postings.delete(term);
      }
      const length = field.lengths[slot] as number;
      field.totalLength -= length;
      if (length > 0) field.docCount--;
      field.lengths[slot] = 0;
      field.norms = undefined;
    });
    this.slotIds[slot] = undefined;
    this.docTerms[slot] = undefined;
    this.slotOf.delete(id);
    return true;
  }

  /** The k best documents for a query, best first. Documents sharing no term are left out. */
  search(query: string, k = 10): Hit[] {
    return this.searchTerms(this.analyzeText(query), k);
  }

  searchTerms(queryTerms: readonly string[], k = 10): Hit[] {
    if (this.scratch.length < this.slotIds.length)
      this.scratch = new Float64Array(this.slotIds.length);
    const scores = this.scratch;
    const touched: number[] = [];
    const queryCounts = countTerms(queryTerms);
    for (const field of this.fieldIndexes) {
      if (field.docCount === 0) continue;
      const norms = this.normsOf(field);
      for (const [term, repeats] of queryCounts) {
        const postings = field.postings.get(term);
        if (!postings) continue;
        const n = postings.length;
        const weight = repeats * Math.log(1 + (field.docCount - n + 0.5) / (n + 0.5));
        const { slots, freqs } = postings;
        for (let i = 0; i < n; i++) {
          const slot = slots[i] as number;
          const tf = freqs[i] as number;
          if (scores[slot] === 0) touched.push(slot);
          scores[slot] = (scores[slot] as number) + (weight * tf) / (tf + (norms[slot] as number));
        }
      }
    }
    const best = new TopK(k);
    for (const slot of touched) {
      best.offer(slot, scores[slot] as number);
      scores[slot] = 0;
    }
    return best.drain().map(({ slot, score }) => ({ id: this.slotIds[slot] as string, score }));
  }

  private normsOf(field: FieldIndex): Float64Array {
    if (field.norms && field.norms.length >= this.slotIds.length) return field.norms;
    const averageLength = field.totalLength / field.docCount;
    const norms = new Float64Array(this.slotIds.length);
    for (let slot = 0; slot < norms.length; slot++) {
      norms[slot] =
        this.k1 * (1 - this.b + (this.b * (field.lengths[slot] as number)) / averageLength);
    }
    field.norms = norms;
    return norms;
  }

  /** Ids of the documents, oldest first. */
  *ids(): Generator<string> {
    for (const id of this.slotIds) if (id !== undefined) yield id;
  }

  /** One document's term counts per field. */
  termCounts(id: string): TermCounts[] | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.countsOf(slot);
  }

  /**
   * The live documents and their postings, slots renumbered 0…size−1 in order: what a snapshot
   * saves (see bm25-snapshot.ts). `terms` lists every term once; per field, term t's postings
   * are `slots`/`freqs` from `offsets[t]` to `offsets[t + 1]`.
   */
  toColumns(): Bm25Columns {
    const newSlot = new Int32Array(this.slotIds.length).fill(-1);
    const ids: string[] = [];
    this.slotIds.forEach((id, slot) => {
      if (id === undefined) return;
      newSlot[slot] = ids.length;
      ids.push(id);
    });
    const terms = [...new Set(this.fieldIndexes.flatMap((field) => [...field.postings.keys()]))];
    const fields = this.fieldIndexes.map((field) => {
      let total = 0;
      for (const postings of field.postings.values()) total += postings.length;
      const offsets = new Uint32Array(terms.length + 1);
      const slots = new Uint32Array(total);
      const freqs = new Uint32Array(total);
      let at = 0;
      terms.forEach((term, t) => {
        offsets[t] = at;
        const postings = field.postings.get(term);
        for (let i = 0; i < (postings?.length ?? 0); i++) {
          slots[at] = newSlot[postings?.slots[i] as number] as number;
          freqs[at] = postings?.freqs[i] as number;
          at++;
        }
      });
      offsets[terms.length] = at;
      const lengths = new Uint32Array(ids.length);
      this.slotIds.forEach((id, slot) => {
        if (id !== undefined) lengths[newSlot[slot] as number] = field.lengths[slot] as number;
      });
      return { offsets, slots, freqs, lengths };
    });
    return { k1: this.k1, b: this.b, fields: [...this.fields], ids, terms, perField: fields };
  }

  /** An index over saved columns; the arrays are used in place, not copied. */
  static fromColumns(columns: Bm25Columns, options: Pick<Bm25Options, "analyze"> = {}): Bm25Index {
    const { k1, b, fields, ids, terms } = columns;
    const index = new Bm25Index({ ...options, k1, b, fields });
    ids.forEach((id, slot) => {
      index.slotIds.push(id);
      index.slotOf.set(id, slot);
    });
    index.fieldIndexes.forEach((field, f) => {
      const { offsets, slots, freqs, lengths } = columns.perField[f] as Bm25Columns["perField"][0];
      terms.forEach((term, t) => {
        const start = offsets[t] as number;
        const end = offsets[t + 1] as number;
        if (end > start) {
          const postings = new Postings(slots.subarray(start, end), freqs.subarray(start, end));
          postings.length = end - start;
          field.postings.set(term, postings);
        }
      });
      field.lengths = lengths;
      for (const length of lengths) {
        field.totalLength += length;
        if (length > 0) field.docCount++;
      }
    });
    return index;
  }

  /** A document's counts; for an index made from columns, found by one pass over the postings. */
  private countsOf(slot: number): TermCounts[] {
    if (this.docTerms[slot] === undefined && this.slotIds[slot] !== undefined)
      this.invertPostings();
    return this.docTerms[slot] ?? [];
  }

  private invertPostings(): void {
    const perDoc = this.slotIds.map(() =>
      this.fields.map(() => ({ terms: [] as string[], freqs: [] as number[] })),
    );
    this.fieldIndexes.forEach((field, f) => {
      for (const [term, postings] of field.postings) {
        for (let i = 0; i < postings.length; i++) {
          const doc = perDoc[postings.slots[i] as number]?.[f];
          doc?.terms.push(term);
          doc?.freqs.push(postings.freqs[i] as number);
        }
      }
    });
    this.docTerms = perDoc.map((fields, slot) =>
      this.slotIds[slot] === undefined
        ? undefined
        : fields.map(({ terms, freqs }) => ({ terms, freqs: Uint32Array.from(freqs) })),
    );
  }

  /** Per field: documents with the field, and their total length in terms. */
  fieldStats(): Array<{ field: string; docCount: number; totalLength: number; terms: number }> {
    return this.fieldIndexes.map((index, f) => ({
      field: this.fields[f] as string,
      docCount: index.docCount,
      totalLength: index.totalLength,
      terms: index.postings.size,
    }));
  }
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function grow(array: Uint32Array, atLeast: number): Uint32Array {
  const bigger = new Uint32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
