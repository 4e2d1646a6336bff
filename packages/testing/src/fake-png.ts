import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import type { FakeExchange } from "./fake-exchange.js";

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

/** What a fake picture is derived from. */
export interface FakeImageOptions {
  prompt: string;
  seed?: number;
  width: number;
  height: number;
  /** The init image of an image-to-image request: a different init gives a different picture. */
  init?: Uint8Array;
}

/**
 * A deterministic picture derived from the request: the same prompt, seed and init image give
 * the same bytes, a different one a different picture (a two-colour gradient with a band).
 */
export function fakeImage(options: FakeImageOptions): Buffer {
  const { width, height } = options;
  const hash = createHash("sha256").update(`${options.prompt}\u0000${options.seed ?? 0}`);
  if (options.init) hash.update("\u0000init\u0000").update(options.init);
  const digest = hash.digest();
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
export function fakeImageFor(exchange: FakeExchange, options: FakeImageOptions): Buffer {
  const png = fakeImage(options);
  const truncated = exchange.fault && "truncateImages" in exchange.fault;
  return truncated ? png.subarray(0, Math.floor(png.length / 2)) : png;
}
