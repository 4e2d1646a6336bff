import { createHash } from "node:crypto";
import { InvalidInputError } from "@path/core";
import { countTokens } from "./count-tokens.js";
import type { Chunk, LoadedDocument } from "./document.js";
import { outline } from "./markdown-outline.js";
import { fitSpan, type Span, sentences } from "./split-text.js";

export interface ChunkOptions {
  /** Most tokens (cl100k_base) in one chunk. Default 300. */
  maxTokens?: number;
  /** Tokens of whole sentences repeated from the end of the previous chunk. Default 50. */
  overlapTokens?: number;
}

/** 300 tokens a chunk, 50 of them repeated where a paragraph is cut. */
export const defaultChunkOptions = { maxTokens: 300, overlapTokens: 50 } as const;

/** A sentence, or a smaller piece of a long one, and the block (paragraph) it is in. */
interface Unit extends Span {
  tokens: number;
  block: number;
  /** The first unit of its block. */
  opensBlock: boolean;
}

const headedKinds = new Set(["markdown", "html", "docx"]);

/**
 * Cuts a document into chunks that follow its structure: never across a heading, a paragraph
 * kept whole when it fits, else cut between sentences (then lines, clauses, words, graphemes).
 * A chunk that continues a paragraph repeats up to `overlapTokens` of whole sentences from the
 * chunk before it.
 * The same document always gives the same chunks.
 */
export function chunkDocument(document: LoadedDocument, options: ChunkOptions = {}): Chunk[] {
  const maxTokens = options.maxTokens ?? defaultChunkOptions.maxTokens;
  const overlapTokens = options.overlapTokens ?? defaultChunkOptions.overlapTokens;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new InvalidInputError(
      `chunk size must be a whole number of tokens ≥ 1, not ${maxTokens}`,
    );
  }
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new InvalidInputError(
      `chunk overlap must be 0 or more and below the chunk size (${maxTokens}), not ${overlapTokens}`,
    );
  }
  const { text, path } = document;
  const lineStarts = lineStartOffsets(text);
  const chunks: Chunk[] = [];
  const seenIds = new Map<string, number>();
  for (const section of outline(text, headedKinds.has(document.kind))) {
    const units = section.blocks.flatMap((block, b) => {
      const span = {
        start: lineStarts[block.startLine - 1] ?? 0,
        end: lineEnd(text, lineStarts, block.endLine),
      };
      return sentences(text, span)
        .flatMap((sentence) => fitSpan(text, sentence, maxTokens))
        .map((piece, i) => ({ ...piece, block: b, opensBlock: i === 0 }));
    });
    for (const [first, last, tokens] of pack(text, units, maxTokens, overlapTokens)) {
      const start = units[first]?.start ?? 0;
      const end = units[last]?.end ?? start;
      const chunkText = text.slice(start, end);
      const hash = createHash("sha256").update(chunkText).digest("hex");
      const baseId = `${path}#${hash.slice(0, 16)}`;
      const seen = (seenIds.get(baseId) ?? 0) + 1;
      seenIds.set(baseId, seen);
      chunks.push({
        id: seen === 1 ? baseId : `${baseId}-${seen}`,
        path,
        headings: section.headings,
        lineStart: lineAt(lineStarts, start),
        lineEnd: lineAt(lineStarts, end - 1),
        text: chunkText,
        hash,
        tokens,
      });
    }
  }
  return chunks;
}

/** Greedy packing into `[first, last, tokens]` unit ranges (inclusive); see `chunkDocument`. */
function pack(
  text: string,
  units: Unit[],
  maxTokens: number,
  overlapTokens: number,
): [first: number, last: number, tokens: number][] {
  const blockTokens = new Map<number, number>();
  for (const unit of units)
    blockTokens.set(unit.block, (blockTokens.get(unit.block) ?? 0) + unit.tokens);
  const tokensOf = (first: number, last: number) =>
    countTokens(text.slice(units[first]?.start ?? 0, units[last]?.end ?? 0));
  // Growing a chunk by re-tokenizing it at every step is quadratic; the sum of the units' counts
  // is close (a space before a word merges into its token), and the exact count is checked after.
  const prefix = [0];
  for (const unit of units) prefix.push((prefix.at(-1) ?? 0) + unit.tokens);
  const estimate = (first: number, last: number) => (prefix[last + 1] ?? 0) - (prefix[first] ?? 0);
  const ranges: [number, number, number][] = [];
  let next = 0;
  while (next < units.length) {
    const opening = units[next] as Unit;
    // Where the previous chunk cut a paragraph, repeat whole sentences from its end, as many as
    // fit in the overlap and leave room for the next unit. A chunk that opens a paragraph
    // repeats nothing, so editing one paragraph leaves the chunks of the others as they were.
    let first = next;
    const previousFirst = ranges.at(-1)?.[0] ?? next;
    while (
      !opening.opensBlock &&
      first - 1 > previousFirst &&
      units[first - 1]?.block === opening.block
    ) {
      const overlap = tokensOf(first - 1, next - 1);
      if (overlap > overlapTokens || overlap + opening.tokens > maxTokens) break;
      first--;
    }
    let last = next;
    while (last + 1 < units.length) {
      const unit = units[last + 1] as Unit;
      const whole = blockTokens.get(unit.block) ?? 0;
      if (unit.opensBlock && whole <= maxTokens && estimate(first, last) + whole > maxTokens) break;
      if (estimate(first, last + 1) > maxTokens) break;
      last++;
    }
    let tokens = tokensOf(first, last);
    for (; tokens > maxTokens && last > next; tokens = tokensOf(first, last)) last--;
    for (; tokens > maxTokens && first < next; tokens = tokensOf(first, last)) first++;
    ranges.push([first, last, tokens]);
    next = last + 1;
  }
  return ranges;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Offset just after the last character of 1-based line `line`. */
function lineEnd(text: string, lineStarts: number[], line: number): number {
  return line < lineStarts.length ? (lineStarts[line] ?? text.length) - 1 : text.length;
}

/** 1-based line of `offset`. */
function lineAt(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
