/**
 * PNGs pngjs cannot write (palette, 1/2/4-bit, Adam7 interlaced), built byte by byte from the
 * PNG specification so the decoder is tested on what other tools write. Rows cycle through
 * the five filters, as real encoders mix them.
 */
import { crc32, deflateSync } from "node:zlib";

export interface PngFixture {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colourType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  /** The samples of pixel (x, y), each within the bit depth (a palette index for type 3). */
  sample: (x: number, y: number) => number[];
  interlace?: boolean;
  /** Chunks between IHDR and IDAT: PLTE, tRNS. */
  chunks?: { type: string; data: Buffer }[];
}

/** The seven Adam7 passes: first column, first row, column step, row step. */
const adam7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;
const samplesPerPixel = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function buildPng(fixture: PngFixture): Buffer {
  const { width, height, depth, colourType } = fixture;
  const bytesPerPixel = Math.max(1, (samplesPerPixel[colourType] * depth) / 8);
  const passes = fixture.interlace ? adam7 : ([[0, 0, 1, 1]] as const);
  const scanlines: number[] = [];
  let rowNumber = 0;
  for (const [firstColumn, firstRow, columnStep, rowStep] of passes) {
    const columns: number[] = [];
    for (let x = firstColumn; x < width; x += columnStep) columns.push(x);
    if (columns.length === 0) continue;
    let previous: number[] = [];
    for (let y = firstRow; y < height; y += rowStep) {
      const row = pack(
        columns.flatMap((x) => fixture.sample(x, y)),
        depth,
      );
      const filter = rowNumber++ % 5;
      scanlines.push(filter, ...filterRow(row, previous, filter, bytesPerPixel));
      previous = row;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = depth;
  header[9] = colourType;
  header[12] = fixture.interlace ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    ...(fixture.chunks ?? []).map((entry) => chunk(entry.type, entry.data)),
    chunk("IDAT", deflateSync(Buffer.from(scanlines))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Samples into bytes: big-endian pairs at 16 bits, most significant bits first below 8. */
function pack(samples: number[], depth: number): number[] {
  if (depth === 16) return samples.flatMap((value) => [value >> 8, value & 0xff]);
  if (depth === 8) return samples;
  const bytes = new Array<number>(Math.ceil((samples.length * depth) / 8)).fill(0);
  for (const [index, value] of samples.entries()) {
    const bit = index * depth;
    bytes[bit >> 3]! |= value << (8 - depth - (bit & 7));
  }
  return bytes;
}

function filterRow(row: number[], previous: number[], filter: number, bpp: number): number[] {
  return row.map((value, index) => {
    const left = index >= bpp ? row[index - bpp]! : 0;
    const up = previous[index] ?? 0;
    const upLeft = index >= bpp ? (previous[index - bpp] ?? 0) : 0;
    const estimate = left + up - upLeft;
    const [toLeft, toUp, toUpLeft] = [left, up, upLeft].map((near) => Math.abs(estimate - near));
    const paeth =
      toLeft! <= toUp! && toLeft! <= toUpLeft! ? left : toUp! <= toUpLeft! ? up : upLeft;
    const predicted = [0, left, up, (left + up) >> 1, paeth][filter]!;
    return (value - predicted) & 0xff;
  });
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])));
  return Buffer.concat([head, body, crc]);
}
