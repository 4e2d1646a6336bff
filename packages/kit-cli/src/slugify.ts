/**
 * Lower-case words joined by `-`, at most `maxLength` characters, cut at a word boundary; Chinese,
 * Japanese and Korean characters stay as they are. `fallback` names a text with no letters or digits.
 */
export function slugify(text: string, options: { maxLength?: number; fallback: string }): string {
  const maxLength = options.maxLength ?? 40;
  const words = text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if ([...next].length > maxLength) {
      if (!slug) slug = [...word].slice(0, maxLength).join("");
      break;
    }
    slug = next;
  }
  return slug || options.fallback;
}
