import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import type { FakeExchange } from "./fake-exchange.js";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encode 8-bit RGB pixels (`width * height * 3` bytes) as a valid PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 3 + 1)] = 0; // filter: none
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(
      rows,
      y * (width * 3 + 1) + 1,
    );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A deterministic picture derived from the request: the same prompt and seed give the same
 * bytes, a different prompt or seed a different picture (a two-colour gradient with a band).
 */
export function fakeImage(options: {
  prompt: string;
  seed?: number;
  width: number;
  height: number;
}): Buffer {
  const { width, height } = options;
  const digest = createHash("sha256")
    .update(`${options.prompt}\u0000${options.seed ?? 0}`)
    .digest();
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height);
      const band = Math.floor((y / height) * 8) === digest[6]! % 8 ? 0.5 : 1;
      const offset = (y * width + x) * 3;
      for (let channel = 0; channel < 3; channel++) {
        rgb[offset + channel] = Math.round(
          (digest[channel]! * (1 - t) + digest[channel + 3]! * t) * band,
        );
      }
    }
  }
  return encodePng(width, height, rgb);
}

/** {@link fakeImage} for a fake's answer: cut short when the request took a `truncateImages` fault. */
export function fakeImageFor(
  exchange: FakeExchange,
  options: { prompt: string; seed?: number; width: number; height: number },
): Buffer {
  const png = fakeImage(options);
  const truncated = exchange.fault && "truncateImages" in exchange.fault;
  return truncated ? png.subarray(0, Math.floor(png.length / 2)) : png;
}
