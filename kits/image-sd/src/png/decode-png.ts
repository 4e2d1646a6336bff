/**
 * Reading PNGs into 8-bit RGBA pixels, with pngjs: every colour type and bit depth (1–16),
 * interlaced or not. A file it cannot read gets a `PngDecodeError` that says why, so the
 * caller can skip that picture.
 */
import { PNG } from "pngjs";

export class PngDecodeError extends Error {
  override name = "PngDecodeError";
}

/** Pixels as 8-bit RGBA, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(bytes: Uint8Array): RgbaImage {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!data.subarray(0, 8).equals(signature)) throw new PngDecodeError(describeNonPng(data));
  try {
    const { width, height, data: pixels } = PNG.sync.read(data);
    return {
      width,
      height,
      pixels: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length),
    };
  } catch (error) {
    throw new PngDecodeError(`the PNG is damaged or truncated (${(error as Error).message})`);
  }
}

function describeNonPng(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xd8) return "it is a JPEG, not a PNG";
  if (data.toString("latin1", 8, 12) === "WEBP") return "it is a WebP, not a PNG";
  return "it is not a PNG";
}
