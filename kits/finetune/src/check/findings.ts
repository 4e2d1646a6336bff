/** What `check` can find. Errors are what a vendor would reject or what spoils the result; warnings are worth a look. */
export const findingKinds = {
  "bad-line": { severity: "error", says: "not a chat example" },
  "empty-turn": { severity: "error", says: "a message with no text" },
  "no-assistant": { severity: "error", says: "no assistant answer to learn from" },
  "last-not-assistant": {
    severity: "error",
    says: "the last message is not the assistant's (it is never trained on)",
  },
  "over-token-limit": { severity: "error", says: "longer than the model takes in one example" },
  "leaked-into-val": {
    severity: "error",
    says: "the same prompt is in the training file: the validation score would be inflated",
  },
  duplicate: { severity: "warning", says: "the same example as an earlier line" },
  "near-duplicate": { severity: "warning", says: "nearly the same as an earlier line" },
} as const;

export type FindingKind = keyof typeof findingKinds;

export interface Finding {
  kind: FindingKind;
  severity: "error" | "warning";
  file: string;
  says: string;
  count: number;
  /** The first lines found (at most `shownLines`), each with the line it repeats where that applies. */
  lines: Array<{ line: number; detail?: string }>;
}

const shownLines = 20;

/** Findings by kind and file, keeping a count and the first few line numbers of each. */
export class FindingList {
  private readonly byKey = new Map<string, Finding>();

  add(file: string, kind: FindingKind, line: number, detail?: string): void {
    const key = `${file}\u0000${kind}`;
    let finding = this.byKey.get(key);
    if (!finding) {
      finding = { kind, file, ...findingKinds[kind], count: 0, lines: [] };
      this.byKey.set(key, finding);
    }
    finding.count += 1;
    if (finding.lines.length < shownLines) finding.lines.push(detail ? { line, detail } : { line });
  }

  all(): Finding[] {
    return [...this.byKey.values()];
  }

  get errors(): number {
    return this.all()
      .filter((finding) => finding.severity === "error")
      .reduce((sum, f) => sum + f.count, 0);
  }
}
