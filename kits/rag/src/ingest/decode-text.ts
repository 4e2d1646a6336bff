import { guessLegacyEncoding } from "./guess-encoding.js";

export interface DecodedText {
  text: string;
  /** The WHATWG label the bytes were decoded with. */
  encoding: string;
  /** Set when the encoding was not plain UTF-8, so the person ingesting knows. */
  note?: string;
}

const boms: [bytes: number[], encoding: string][] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xff, 0xfe], "utf-16le"],
  [[0xfe, 0xff], "utf-16be"],
];

/**
 * Text from the bytes of a text file: a BOM decides first, then valid UTF-8, then the encoding
 * the file declares (an HTML `<meta charset>`), then the legacy encoding chardet finds most likely (GBK/GB18030, Big5, Shift_JIS, …). Line ends become `\n`.
 */
export function decodeText(bytes: Uint8Array, declared?: string): DecodedText {
  for (const [bom, encoding] of boms) {
    if (bom.every((byte, i) => bytes[i] === byte)) {
      const text = new TextDecoder(encoding).decode(bytes.subarray(bom.length));
      const note = encoding === "utf-8" ? undefined : `decoded as ${encoding.toUpperCase()} (BOM)`;
      return { text: normalizeLineEnds(text), encoding, note };
    }
  }
  try {
    return {
      text: normalizeLineEnds(new TextDecoder("utf-8", { fatal: true }).decode(bytes)),
      encoding: "utf-8",
    };
  } catch {
    return (declared && decodeDeclared(bytes, declared)) || decodeLegacy(bytes);
  }
}

/** An HTML page's own `<meta charset>` is a better guess than statistics, when Node knows it. */
function decodeDeclared(bytes: Uint8Array, declared: string): DecodedText | undefined {
  try {
    const decoder = new TextDecoder(declared, { fatal: true });
    const text = normalizeLineEnds(decoder.decode(bytes));
    return {
      text,
      encoding: decoder.encoding,
      note: `decoded as ${declared} (declared in the file)`,
    };
  } catch {
    return undefined; // an unknown label, or bytes not valid in it
  }
}

function decodeLegacy(bytes: Uint8Array): DecodedText {
  const guess = guessLegacyEncoding(bytes);
  if (guess) {
    return {
      text: normalizeLineEnds(guess.text),
      encoding: guess.label,
      note: `decoded as ${guess.name} (detected)`,
    };
  }
  const text = new TextDecoder("utf-8").decode(bytes);
  return {
    text: normalizeLineEnds(text),
    encoding: "utf-8",
    note: "encoding not recognised: read as UTF-8 with invalid bytes replaced by U+FFFD; save the file as UTF-8 to fix",
  };
}

/** CRLF and lone CR become LF; the number of lines stays what an editor shows. */
export function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
