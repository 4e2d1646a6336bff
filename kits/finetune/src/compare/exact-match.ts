/**
 * The form answers are compared in: Unicode-compatible (full-width letters and digits count
 * as their half-width twins), lower case, runs of whitespace as one space, no ends.
 */
export function normaliseAnswer(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** The answer says exactly what the reference says, spacing and case aside. */
export function isExactMatch(answer: string, reference: string): boolean {
  return normaliseAnswer(answer) === normaliseAnswer(reference);
}
