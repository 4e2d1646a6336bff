import { InvalidInputError } from "@path/core";
import { Bm25Index, type Bm25Options, type TermCounts } from "./bm25.js";

const format = "genai-path.bm25";

/**
 * A BM25 index as plain JSON: the settings, one term dictionary, and per document its term
 * counts per field as flat [termNumber, count, termNumber, count, …] lists. Loading rebuilds
 * the postings, so nothing derived is stored and removed documents leave no trace.
 */
export interface Bm25Snapshot {
  format: typeof format;
  version: 1;
  k1: number;
  b: number;
  fields: string[];
  terms: string[];
  docs: Array<[id: string, ...countsPerField: number[][]]>;
}

export function saveBm25(index: Bm25Index): Bm25Snapshot {
  const termNumbers = new Map<string, number>();
  const docs: Bm25Snapshot["docs"] = [];
  for (const id of index.ids()) {
    const perField = (index.termCounts(id) ?? []).map(({ terms, freqs }) => {
      const flat: number[] = [];
      terms.forEach((term, i) => {
        let number = termNumbers.get(term);
        if (number === undefined) {
          number = termNumbers.size;
          termNumbers.set(term, number);
        }
        flat.push(number, freqs[i] as number);
      });
      return flat;
    });
    docs.push([id, ...perField]);
  }
  return {
    format,
    version: 1,
    k1: index.k1,
    b: index.b,
    fields: [...index.fields],
    terms: [...termNumbers.keys()],
    docs,
  };
}

/** Rebuilds an index from `saveBm25`'s output (already parsed from JSON). */
export function loadBm25(snapshot: unknown, options: Pick<Bm25Options, "analyze"> = {}): Bm25Index {
  const checked = checkSnapshot(snapshot);
  const index = new Bm25Index({ ...options, k1: checked.k1, b: checked.b, fields: checked.fields });
  for (const [id, ...perField] of checked.docs) {
    const counts: TermCounts[] = perField.map((flat) => {
      const terms: string[] = [];
      const freqs = new Uint32Array(flat.length / 2);
      for (let i = 0; i < flat.length; i += 2) {
        const term = checked.terms[flat[i] as number];
        if (term === undefined)
          throw corrupt(`document ${id} names term ${flat[i]}, which is not in the dictionary`);
        terms.push(term);
        freqs[i / 2] = flat[i + 1] as number;
      }
      return { terms, freqs };
    });
    index.addCounts(id, counts);
  }
  return index;
}

function checkSnapshot(value: unknown): Bm25Snapshot {
  const snapshot = value as Partial<Bm25Snapshot> | null;
  if (typeof snapshot !== "object" || snapshot === null || snapshot.format !== format) {
    throw corrupt(`it is not a ${format} snapshot`);
  }
  if (snapshot.version !== 1)
    throw corrupt(`version ${snapshot.version} is not one this code reads (1)`);
  if (
    typeof snapshot.k1 !== "number" ||
    typeof snapshot.b !== "number" ||
    !Array.isArray(snapshot.fields) ||
    !Array.isArray(snapshot.terms) ||
    !Array.isArray(snapshot.docs)
  ) {
    throw corrupt("k1, b, fields, terms or docs is missing");
  }
  return snapshot as Bm25Snapshot;
}

function corrupt(why: string): InvalidInputError {
  return new InvalidInputError(
    `This BM25 index cannot be read (${why}): rebuild it from the documents.`,
  );
}
