import { createHash } from "node:crypto";

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Words (lower-cased) plus CJK characters and CJK bigrams. */
function features(text: string): string[] {
  const found: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const characters = Array.from(run);
    if (!characters.some((character) => cjk.test(character))) {
      found.push(run);
      continue;
    }
    characters.forEach((character, index) => {
      found.push(character);
      if (index > 0) found.push(`${characters[index - 1]}${character}`);
    });
  }
  return found;
}

function normalise(vector: number[]): number[] {
  const length = Math.hypot(...vector);
  return length === 0 ? vector : vector.map((value) => value / length);
}

function hashVector(text: string, dimensions: number): number[] {
  const vector: number[] = [];
  for (let block = 0; vector.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${block}:${text}`).digest();
    for (let offset = 0; offset < digest.length && vector.length < dimensions; offset += 2) {
      vector.push(digest.readUInt16LE(offset) / 32767.5 - 1);
    }
  }
  return vector;
}

/**
 * A deterministic, L2-normalised embedding of `text` (values exact in float32). Texts that share
 * words (or CJK characters) point in similar directions; a small hash of the whole text makes
 * every distinct text's vector distinct.
 */
export function fakeEmbedding(text: string, dimensions = 8): number[] {
  const bag = new Array<number>(dimensions).fill(0);
  for (const feature of features(text)) {
    const hash = fnv1a(feature);
    bag[hash % dimensions] = (bag[hash % dimensions] ?? 0) + (hash & 0x80000000 ? -1 : 1);
  }
  const unique = normalise(hashVector(text, dimensions));
  const mixed = normalise(bag).map((value, index) => value + 0.1 * (unique[index] ?? 0));
  return normalise(mixed).map((value) => Math.fround(value));
}

/** Encodes a vector as OpenAI does for `encoding_format: "base64"`: little-endian float32. */
export function float32Base64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [index, value] of vector.entries()) bytes.writeFloatLE(value, index * 4);
  return bytes.toString("base64");
}
