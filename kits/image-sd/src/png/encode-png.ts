/** Encode 8-bit RGBA pixels as a PNG (RGB when every pixel is opaque, which is half the size). */
import { crc32, deflateSync } from "node:zlib";
import type { RgbaImage } from "./decode-png.js";

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

export function encodePng(image: RgbaImage): Buffer {
  const { width, height, pixels } = image;
  let opaque = true;
  for (let index = 3; index < pixels.length; index += 4) {
    if (pixels[index] !== 255) {
      opaque = false;
      break;
    }
  }
  const samples = opaque ? 3 : 4;
  const stride = width * samples;
  // Each row uses the "up" filter: flat areas between pictures then compress to almost nothing.
  const rows = Buffer.alloc((stride + 1) * height);
  const row = Buffer.alloc(stride);
  const previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const source = (y * width + x) * 4;
      for (let channel = 0; channel < samples; channel++) {
        row[x * samples + channel] = pixels[source + channel]!;
      }
    }
    const offset = y * (stride + 1);
    rows[offset] = 2;
    for (let x = 0; x < stride; x++) rows[offset + 1 + x] = (row[x]! - previous[x]!) & 0xff;
    row.copy(previous);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = opaque ? 2 : 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
