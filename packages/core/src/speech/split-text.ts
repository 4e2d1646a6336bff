/**
 * Split text too long for one speech call into parts of at most `maxLength` characters, at
 * sentence ends where possible (. ! ? and 。！？；… and line breaks), else at clause marks
 * (，、,;：:), else at a space, else anywhere.
 */
export function splitSpeechText(text: string, maxLength: number): string[] {
  if (text.length <= maxLength) return [text];
  const sentences = text.match(
    /[^.!?。！？；;…\n]+(?:[.!?。！？；;…]+["'”’」』)）]*|\n+|$)\s*/g,
  ) ?? [text];
  const pieces = sentences.flatMap((sentence) => fitPiece(sentence, maxLength));
  const parts: string[] = [];
  let current = "";
  for (const piece of pieces) {
    if (current.length + piece.length > maxLength && current.trim()) {
      parts.push(current.trim());
      current = "";
    }
    current += piece;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** A sentence longer than the limit, cut at clause marks, then spaces, then anywhere. */
function fitPiece(sentence: string, maxLength: number): string[] {
  if (sentence.length <= maxLength) return [sentence];
  const clauses = sentence.match(/[^，、,;：:]+[，、,;：:]*\s*/g) ?? [sentence];
  if (clauses.length > 1) return clauses.flatMap((clause) => fitPiece(clause, maxLength));
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > maxLength) {
    const space = rest.lastIndexOf(" ", maxLength);
    const cut = space > maxLength / 2 ? space + 1 : maxLength;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}
