import { crc32, deflateSync } from "node:zlib";
import { fakeImage } from "@path/testing";
import { describe, expect, it } from "vitest";
import { columnsFor, composeContactSheet, downscale } from "./contact-sheet.js";
import { decodePng, PngDecodeError, type RgbaImage } from "./decode-png.js";
import { encodePng } from "./encode-png.js";

/** A PNG whose rows use the given filters in turn (what real encoders mix). */
function filteredPng(
  width: number,
  height: number,
  samples: number,
  colourType: number,
  data: Uint8Array,
  extra: { type: string; data: Buffer }[] = [],
  interlace = 0,
): Buffer {
  const stride = width * samples;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    rows.push(filter);
    for (let x = 0; x < stride; x++) {
      const value = data[y * stride + x]!;
      const left = x >= samples ? data[y * stride + x - samples]! : 0;
      const up = y > 0 ? data[(y - 1) * stride + x]! : 0;
      const upLeft = y > 0 && x >= samples ? data[(y - 1) * stride + x - samples]! : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predicted = [0, left, up, (left + up) >> 1, paeth][filter]!;
      rows.push((value - predicted) & 0xff);
    }
  }
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])));
    return Buffer.concat([head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colourType;
  header[12] = interlace;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    ...extra.map((entry) => chunk(entry.type, entry.data)),
    chunk("IDAT", deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const noise = (length: number) =>
  Uint8Array.from({ length }, (_, index) => (index * 37 + (index >> 3) * 11) & 0xff);

describe("decodePng", () => {
  it("undoes all five row filters for RGBA and RGB", () => {
    const rgba = noise(7 * 6 * 4);
    const image = decodePng(filteredPng(7, 6, 4, 6, rgba));
    expect(image).toMatchObject({ width: 7, height: 6 });
    expect(Array.from(image.pixels)).toEqual(Array.from(rgba));
    const rgb = noise(5 * 5 * 3);
    const opaque = decodePng(filteredPng(5, 5, 3, 2, rgb));
    expect(Array.from(opaque.pixels.subarray(0, 8))).toEqual([
      ...rgb.subarray(0, 3),
      255,
      ...rgb.subarray(3, 6),
      255,
    ]);
  });

  it("reads greyscale and palette pictures", () => {
    const grey = decodePng(filteredPng(2, 1, 1, 0, Uint8Array.from([10, 200])));
    expect(Array.from(grey.pixels)).toEqual([10, 10, 10, 255, 200, 200, 200, 255]);
    const palette = { type: "PLTE", data: Buffer.from([255, 0, 0, 0, 0, 255]) };
    const alpha = { type: "tRNS", data: Buffer.from([128]) };
    const indexed = decodePng(filteredPng(2, 1, 1, 3, Uint8Array.from([0, 1]), [palette, alpha]));
    expect(Array.from(indexed.pixels)).toEqual([255, 0, 0, 128, 0, 0, 255, 255]);
  });

  it("reads what the fakes make", () => {
    const image = decodePng(fakeImage({ prompt: "x", width: 40, height: 30 }));
    expect([image.width, image.height, image.pixels.length]).toEqual([40, 30, 40 * 30 * 4]);
  });

  it("says why it cannot read a JPEG, an interlaced or a truncated PNG", () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
    expect(() => decodePng(jpeg)).toThrow(new PngDecodeError("it is a JPEG, not a PNG"));
    const interlaced = filteredPng(2, 2, 3, 2, noise(12), [], 1);
    expect(() => decodePng(interlaced)).toThrow(/interlaced PNGs are not supported/);
    const whole = fakeImage({ prompt: "x", width: 64, height: 64 });
    expect(() => decodePng(whole.subarray(0, whole.length / 2))).toThrow(PngDecodeError);
  });
});

describe("encodePng", () => {
  it("round-trips RGBA, and writes RGB when everything is opaque", () => {
    const translucent: RgbaImage = { width: 3, height: 2, pixels: noise(24) };
    expect(Array.from(decodePng(encodePng(translucent)).pixels)).toEqual(
      Array.from(translucent.pixels),
    );
    const opaque: RgbaImage = { width: 2, height: 2, pixels: new Uint8Array(16).fill(255) };
    expect(encodePng(opaque)[25]).toBe(2); // colour type RGB
  });
});

describe("composeContactSheet", () => {
  const solid = (width: number, height: number, value: number): RgbaImage => ({
    width,
    height,
    pixels: new Uint8Array(width * height * 4)
      .fill(value)
      .map((byte, index) => (index % 4 === 3 ? 255 : byte)),
  });

  it("fits pictures of different sizes into equal cells, with a crossed cell for a missing one", () => {
    const sheet = composeContactSheet([solid(100, 50, 200), undefined, solid(50, 100, 100)], {
      columns: 2,
      maxCell: 64,
      gap: 4,
    });
    // Cells are 64x64 (the widest and tallest, scaled); 2 columns, 2 rows.
    expect([sheet.width, sheet.height]).toEqual([4 + 64 + 4 + 64 + 4, 4 + 64 + 4 + 64 + 4]);
    const at = (x: number, y: number) => sheet.pixels[(y * sheet.width + x) * 4]!;
    expect(at(4 + 32, 4 + 32)).toBe(200); // first picture, centred
    expect(at(4 + 32, 4 + 2)).toBe(24); // background above the wide picture
    expect(at(4 + 64 + 4 + 10, 4 + 30)).toBe(48); // the empty cell
    expect(at(4 + 32, 4 + 64 + 4 + 32)).toBe(100); // third picture on the second row
  });

  it("averages pixels when scaling down, and lays out a near-square grid", () => {
    const checker: RgbaImage = {
      width: 2,
      height: 2,
      pixels: Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255]),
    };
    expect(Array.from(downscale(checker, 0.5).pixels)).toEqual([128, 128, 128, 255]);
    expect([1, 2, 4, 5, 9, 10].map(columnsFor)).toEqual([1, 2, 2, 3, 3, 4]);
  });
});
