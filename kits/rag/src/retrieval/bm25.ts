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

  /** Adds a document given as term counts per field (how snapshots are restored). */
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
    const countsByField = this.docTerms[slot] ?? [];
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

  /** One document's term counts per field (what a snapshot saves). */
  termCounts(id: string): TermCounts[] | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.docTerms[slot];
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
