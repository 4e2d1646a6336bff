/**
 * A GPT-2 style byte-level BPE vocabulary learned from a small corpus: the 256 byte symbols
 * plus merges, exactly the shape llama.cpp's `gpt2` tokenizer reads from a GGUF file.
 */

/** GPT-2's printable stand-in for each byte, so every token is a visible string. */
export function byteSymbols(): string[] {
  const printable = new Set<number>();
  for (let code = 33; code <= 126; code++) printable.add(code);
  for (let code = 161; code <= 172; code++) printable.add(code);
  for (let code = 174; code <= 255; code++) printable.add(code);
  const symbols: string[] = [];
  let next = 256;
  for (let byte = 0; byte < 256; byte++) {
    symbols.push(String.fromCodePoint(printable.has(byte) ? byte : next++));
  }
  return symbols;
}

const pretokenizer = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export interface LearnedVocabulary {
  /** Byte symbols (index = byte value) followed by one token per merge. */
  tokens: string[];
  /** `"left right"` pairs, in merge order. */
  merges: string[];
}

/** Learns `mergeCount` merges (fewer if the corpus runs out of pairs). Deterministic. */
export function learnByteLevelBpe(corpus: string, mergeCount: number): LearnedVocabulary {
  const symbols = byteSymbols();
  const wordCounts = new Map<string, number>();
  for (const match of corpus.matchAll(pretokenizer)) {
    wordCounts.set(match[0], (wordCounts.get(match[0]) ?? 0) + 1);
  }
  const words = [...wordCounts].map(([word, count]) => ({
    parts: [...Buffer.from(word, "utf8")].map((byte) => symbols[byte]!),
    count,
  }));
  const tokens = [...symbols];
  const merges: string[] = [];
  while (merges.length < mergeCount) {
    const pairCounts = new Map<string, number>();
    for (const word of words) {
      for (let index = 0; index + 1 < word.parts.length; index++) {
        const pair = `${word.parts[index]} ${word.parts[index + 1]}`;
        pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + word.count);
      }
    }
    let best: string | undefined;
    let bestCount = 1;
    for (const [pair, count] of pairCounts) {
      if (count > bestCount || (count === bestCount && best !== undefined && pair < best)) {
        best = pair;
        bestCount = count;
      }
    }
    if (best === undefined) break;
    const [left, right] = best.split(" ") as [string, string];
    for (const word of words) word.parts = mergePair(word.parts, left, right);
    merges.push(best);
    tokens.push(left + right);
  }
  return { tokens, merges };
}

function mergePair(parts: string[], left: string, right: string): string[] {
  const merged: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    if (parts[index] === left && parts[index + 1] === right) {
      merged.push(left + right);
      index++;
    } else {
      merged.push(parts[index]!);
    }
  }
  return merged;
}
