/**
 * A small PNG decoder: enough to paste generated pictures into a contact sheet. Reads 8- and
 * 16-bit greyscale, RGB, palette, grey+alpha and RGBA images that are not interlaced (what
 * Stable Diffusion tools, OpenAI and the fakes write), undoing all five row filters.
 * Anything else gets a clear `PngDecodeError` so the caller can skip that picture.
 */
import { inflateSync } from "node:zlib";

export class PngDecodeError extends Error {
  override name = "PngDecodeError";
}

/** Pixels as 8-bit RGBA, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples per pixel for each colour type. */
const channels: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function decodePng(bytes: Uint8Array): RgbaImage {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!signature.every((byte, index) => data[index] === byte)) {
    throw new PngDecodeError(describeNonPng(data));
  }
  let width = 0;
  let height = 0;
  let depth = 0;
  let colourType = 0;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let offset = 8; offset + 8 <= data.length; ) {
    const length = data.readUInt32BE(offset);
    const type = data.toString("latin1", offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (body.length < length) throw new PngDecodeError("the PNG is truncated");
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8]!;
      colourType = body[9]!;
      if (body[12] !== 0) throw new PngDecodeError("interlaced PNGs are not supported");
    } else if (type === "PLTE") palette = body;
    else if (type === "tRNS") transparency = body;
    else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  const samples = channels[colourType];
  if (!width || !height || samples === undefined) throw new PngDecodeError("no usable PNG header");
  if (depth !== 8 && depth !== 16) {
    throw new PngDecodeError(`${depth}-bit PNGs are not supported (8 and 16 are)`);
  }
  if (colourType === 3 && (!palette || depth !== 8)) {
    throw new PngDecodeError("a palette PNG without a usable palette");
  }
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    throw new PngDecodeError("the PNG image data is damaged or truncated");
  }
  const bytesPerPixel = (samples * depth) / 8;
  const stride = width * bytesPerPixel;
  if (raw.length < (stride + 1) * height) throw new PngDecodeError("the PNG is truncated");
  const rows = unfilter(raw, stride, height, bytesPerPixel);
  return {
    width,
    height,
    pixels: toRgba(rows, width, height, colourType, depth, palette, transparency),
  };
}

/** Undo the per-row filters (none, sub, up, average, Paeth). */
function unfilter(raw: Buffer, stride: number, height: number, bpp: number): Buffer {
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const source = y * (stride + 1) + 1;
    const row = y * stride;
    const previous = row - stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[source + x]!;
      const left = x >= bpp ? out[row + x - bpp]! : 0;
      const up = y > 0 ? out[previous + x]! : 0;
      const upLeft = y > 0 && x >= bpp ? out[previous + x - bpp]! : 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      else throw new PngDecodeError(`unknown PNG row filter ${filter}`);
      out[row + x] = (value + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function toRgba(
  rows: Buffer,
  width: number,
  height: number,
  colourType: number,
  depth: number,
  palette: Buffer | undefined,
  transparency: Buffer | undefined,
): Uint8Array {
  const samples = channels[colourType]!;
  const step = depth / 8; // 16-bit samples: keep the high byte
  const pixels = new Uint8Array(width * height * 4);
  for (let index = 0; index < width * height; index++) {
    const sample = (channel: number) => rows[(index * samples + channel) * step]!;
    const target = index * 4;
    if (colourType === 3) {
      const entry = sample(0);
      pixels[target] = palette![entry * 3] ?? 0;
      pixels[target + 1] = palette![entry * 3 + 1] ?? 0;
      pixels[target + 2] = palette![entry * 3 + 2] ?? 0;
      pixels[target + 3] = transparency?.[entry] ?? 255;
    } else if (colourType === 0 || colourType === 4) {
      const grey = sample(0);
      pixels.fill(grey, target, target + 3);
      pixels[target + 3] = colourType === 4 ? sample(1) : 255;
    } else {
      pixels[target] = sample(0);
      pixels[target + 1] = sample(1);
      pixels[target + 2] = sample(2);
      pixels[target + 3] = colourType === 6 ? sample(3) : 255;
    }
  }
  return pixels;
}

function describeNonPng(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xd8) return "it is a JPEG, not a PNG";
  if (data.toString("latin1", 8, 12) === "WEBP") return "it is a WebP, not a PNG";
  return "it is not a PNG";
}
