import { InvalidInputError } from "@path/core";
import { type Bm25Columns, Bm25Index, type Bm25Options } from "./bm25.js";

const magic = "GPBM25\u0000\u0001";

interface Header {
  k1: number;
  b: number;
  fields: string[];
  ids: string[];
  terms: string[];
  /** Postings per field. */
  postings: number[];
  /** Caller's own facts (e.g. the analysis fingerprint), checked when loading. */
  stamp: string;
}

/**
 * A BM25 index as bytes: an 8-byte magic, the header's length (u32 LE), a JSON header (settings,
 * document ids, terms), padding to 4 bytes, then per field four little-endian u32 arrays:
 * term offsets, posting slots, posting frequencies, document lengths. Loading maps the arrays
 * in place, so opening a 100k-chunk index is reading one file, not re-adding every document.
 */
export function encodeBm25(index: Bm25Index, stamp = ""): Buffer {
  const columns = index.toColumns();
  const header: Header = {
    k1: columns.k1,
    b: columns.b,
    fields: columns.fields,
    ids: columns.ids,
    terms: columns.terms,
    postings: columns.perField.map((field) => field.slots.length),
    stamp,
  };
  const json = Buffer.from(JSON.stringify(header));
  const start = align4(12 + json.length);
  const head = Buffer.alloc(start);
  head.write(magic, 0, "latin1");
  head.writeUInt32LE(json.length, 8);
  json.copy(head, 12);
  const arrays = columns.perField.flatMap((f) => [f.offsets, f.slots, f.freqs, f.lengths]);
  return Buffer.concat([
    head,
    ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)),
  ]);
}

/**
 * The index saved by {@link encodeBm25}. A wrong magic, a short file, or a stamp other than
 * `expectedStamp` (when given) is refused with the reason.
 */
export function decodeBm25(
  bytes: Buffer,
  options: Pick<Bm25Options, "analyze"> & { expectedStamp?: string } = {},
): Bm25Index {
  if (bytes.length < 12 || bytes.toString("latin1", 0, 8) !== magic) {
    throw corrupt("it does not start as a GenAI Path BM25 file");
  }
  const length = bytes.readUInt32LE(8);
  if (12 + length > bytes.length) throw corrupt("its header is cut short");
  const header = parseHeader(bytes.toString("utf8", 12, 12 + length));
  if (options.expectedStamp !== undefined && header.stamp !== options.expectedStamp) {
    throw corrupt(`it was made for ${header.stamp || "another index"}`);
  }
  // Typed arrays need 4-byte alignment: copy when the buffer does not give it.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  let at = aligned.byteOffset + align4(12 + length);
  const take = (count: number): Uint32Array => {
    if (at + count * 4 > aligned.byteOffset + aligned.length) throw corrupt("it is cut short");
    const array = new Uint32Array(aligned.buffer, at, count);
    at += count * 4;
    return array;
  };
  const perField = header.fields.map((_, f) => {
    const offsets = take(header.terms.length + 1);
    const postings = header.postings[f] ?? 0;
    if (offsets[header.terms.length] !== postings) throw corrupt("its term offsets do not add up");
    return {
      offsets,
      slots: take(postings),
      freqs: take(postings),
      lengths: take(header.ids.length),
    };
  });
  if (at !== aligned.byteOffset + aligned.length)
    throw corrupt("it has bytes after its last array");
  const columns: Bm25Columns = { ...header, perField };
  for (const field of perField) {
    for (const slot of field.slots)
      if (slot >= header.ids.length) throw corrupt("a posting names no document");
  }
  return Bm25Index.fromColumns(columns, options);
}

function parseHeader(text: string): Header {
  let header: Partial<Header>;
  try {
    header = JSON.parse(text) as Partial<Header>;
  } catch {
    throw corrupt("its header is not JSON");
  }
  const ok =
    typeof header.k1 === "number" &&
    typeof header.b === "number" &&
    Array.isArray(header.fields) &&
    Array.isArray(header.ids) &&
    Array.isArray(header.terms) &&
    Array.isArray(header.postings) &&
    typeof header.stamp === "string";
  if (!ok) throw corrupt("its header lacks k1, b, fields, ids, terms or postings");
  return header as Header;
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

function corrupt(why: string): InvalidInputError {
  return new InvalidInputError(
    `This BM25 index cannot be read (${why}): rebuild it from the documents.`,
  );
}
