const citation = /^[[【](\d+(?:\s*[,，、]\s*\d+)*)[\]】]$/;
const possibleCitation = /^[[【][\d\s,，、]*$/;

/**
 * Reads an answer as it streams and keeps its citations honest: `[2]`, `[1, 3]` and `【2】`
 * that point to a passage are kept (and counted), numbers that point nowhere are dropped from
 * the text and listed in `dropped`. Text that might still become a citation is held back until
 * it is one or is not.
 */
export class CitationFilter {
  readonly cited = new Set<number>();
  readonly dropped: number[] = [];
  private held = "";

  constructor(private readonly sourceCount: number) {}

  /** Takes the next piece of the answer; returns the text that can be shown now. */
  push(delta: string): string {
    let out = "";
    for (const character of delta) {
      if (this.held === "") {
        if (character === "[" || character === "【") this.held = character;
        else out += character;
        continue;
      }
      this.held += character;
      if (citation.test(this.held)) {
        out += this.resolve(this.held);
        this.held = "";
      } else if (!possibleCitation.test(this.held)) {
        // Not a citation after all: let it through, but a new bracket may start one.
        const text = this.held;
        this.held = "";
        out += text.slice(0, -1) + this.push(text.slice(-1));
      }
    }
    return out;
  }

  /** The text still held back when the answer ends. */
  end(): string {
    const text = this.held;
    this.held = "";
    return text;
  }

  private resolve(text: string): string {
    const numbers = (text.match(/\d+/g) ?? []).map(Number);
    const kept = numbers.filter((n) => n >= 1 && n <= this.sourceCount);
    for (const n of numbers) {
      if (kept.includes(n)) this.cited.add(n);
      else this.dropped.push(n);
    }
    if (kept.length === numbers.length) return text;
    return kept.map((n) => `[${n}]`).join("");
  }
}

/** Runs a whole answer through a {@link CitationFilter}. */
export function checkCitations(answer: string, sourceCount: number) {
  const filter = new CitationFilter(sourceCount);
  const text = filter.push(answer) + filter.end();
  return { text, cited: [...filter.cited].sort((a, b) => a - b), dropped: filter.dropped };
}
