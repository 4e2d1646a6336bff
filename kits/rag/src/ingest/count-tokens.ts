import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";

// Text that happens to contain "<|endoftext|>" is ordinary text here, not a special token.
const asPlainText = { disallowedSpecial: new Set<string>() };

/** Tokens of `text` in cl100k_base, the unit chunk sizes are given in. */
export function countTokens(text: string): number {
  return countCl100k(text, asPlainText);
}
