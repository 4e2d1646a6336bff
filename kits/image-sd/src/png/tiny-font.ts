/**
 * A 3x5 pixel font for the labels on contact sheets: letters (all drawn as capitals), digits
 * and the punctuation of model names and seeds. Other characters (CJK among them) draw as "?"; the
 * sidecar JSON carries the full labels.
 */
import type { RgbaImage } from "./decode-png.js";

/** Each glyph: five rows of three pixels, left to right, top to bottom. */
const glyphs: Record<string, string> = {
  "0": "111101101101111",
  "1": "010110010010111",
  "2": "111001111100111",
  "3": "111001011001111",
  "4": "101101111001001",
  "5": "111100111001111",
  "6": "111100111101111",
  "7": "111001010010010",
  "8": "111101111101111",
  "9": "111101111001111",
  a: "010101111101101",
  b: "110101110101110",
  c: "011100100100011",
  d: "110101101101110",
  e: "111100110100111",
  f: "111100110100100",
  g: "011100101101011",
  h: "101101111101101",
  i: "111010010010111",
  j: "001001001101010",
  k: "101101110101101",
  l: "100100100100111",
  m: "101111111101101",
  n: "110101101101101",
  o: "010101101101010",
  p: "110101110100100",
  q: "010101101110011",
  r: "110101110101101",
  s: "011100010001110",
  t: "111010010010010",
  u: "101101101101111",
  v: "101101101101010",
  w: "101101111111101",
  x: "101101010101101",
  y: "101101010010010",
  z: "111001010100111",
  " ": "000000000000000",
  ":": "000010000010000",
  "-": "000000111000000",
  ".": "000000000000010",
  ",": "000000000010100",
  "/": "001001010100100",
  _: "000000000000111",
  "#": "101111101111101",
  "?": "111001010000010",
};

/** Pixels a character takes across, spacing included, at scale 1 (glyph height is 5). */
export const glyphAdvance = 4;

/**
 * Draws `text` with its top-left corner at (x, y), each font pixel `scale` pixels wide, cut to
 * `maxWidth` pixels.
 */
export function drawText(
  image: RgbaImage,
  text: string,
  x: number,
  y: number,
  options: { scale: number; maxWidth: number; colour: [number, number, number] },
): void {
  const { scale, colour } = options;
  const fits = Math.floor((options.maxWidth + scale) / (glyphAdvance * scale));
  for (const [index, character] of [...text.toLowerCase()].slice(0, fits).entries()) {
    const glyph = glyphs[character] ?? glyphs["?"]!;
    for (let bit = 0; bit < 15; bit++) {
      if (glyph[bit] !== "1") continue;
      const left = x + (index * glyphAdvance + (bit % 3)) * scale;
      const top = y + Math.floor(bit / 3) * scale;
      for (let row = top; row < top + scale; row++) {
        for (let column = left; column < left + scale; column++) {
          if (column >= image.width || row >= image.height) continue;
          image.pixels.set([...colour, 255], (row * image.width + column) * 4);
        }
      }
    }
  }
}
