import { fakeImage } from "@path/testing";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { buildPng } from "../../test/png-fixture.js";
import { columnsFor, composeContactSheet, downscale } from "./contact-sheet.js";
import { decodePng, PngDecodeError, type RgbaImage } from "./decode-png.js";
import { encodePng } from "./encode-png.js";

const noise = (length: number) =>
  Uint8Array.from({ length }, (_, index) => (index * 37 + (index >> 3) * 11) & 0xff);

describe("decodePng", () => {
  const pixels = (
    width: number,
    samples: number,
    data: Uint8Array,
  ): ((x: number, y: number) => number[]) => {
    return (x, y) =>
      Array.from(data.subarray((y * width + x) * samples, (y * width + x + 1) * samples));
  };

  it("undoes all five row filters for RGBA and RGB", () => {
    const rgba = noise(7 * 6 * 4);
    const image = decodePng(
      buildPng({ width: 7, height: 6, colourType: 6, depth: 8, sample: pixels(7, 4, rgba) }),
    );
    expect(image).toMatchObject({ width: 7, height: 6 });
    expect(Array.from(image.pixels)).toEqual(Array.from(rgba));
    const rgb = noise(5 * 5 * 3);
    const opaque = decodePng(
      buildPng({ width: 5, height: 5, colourType: 2, depth: 8, sample: pixels(5, 3, rgb) }),
    );
    expect(Array.from(opaque.pixels.subarray(0, 8))).toEqual([
      ...rgb.subarray(0, 3),
      255,
      ...rgb.subarray(3, 6),
      255,
    ]);
  });

  it("reads greyscale and palette pictures", () => {
    const grey = decodePng(
      buildPng({ width: 2, height: 1, colourType: 0, depth: 8, sample: (x) => [[10, 200][x]!] }),
    );
    expect(Array.from(grey.pixels)).toEqual([10, 10, 10, 255, 200, 200, 200, 255]);
    const palette = { type: "PLTE", data: Buffer.from([255, 0, 0, 0, 0, 255]) };
    const alpha = { type: "tRNS", data: Buffer.from([128]) };
    const indexed = decodePng(
      buildPng({
        ...{ width: 2, height: 1, colourType: 3, depth: 8, sample: (x) => [x] },
        chunks: [palette, alpha],
      }),
    );
    expect(Array.from(indexed.pixels)).toEqual([255, 0, 0, 128, 0, 0, 255, 255]);
  });

  it.each([1, 2, 4] as const)("reads %i-bit palette pictures, plain and interlaced", (depth) => {
    const colours = 2 ** depth;
    const palette = Buffer.from(
      Array.from({ length: colours }, (_, index) => [index * 16, 255 - index * 16, index]).flat(),
    );
    const entry = (x: number, y: number) => (x * 3 + y * 5) % colours;
    for (const interlace of [false, true]) {
      const image = decodePng(
        buildPng({
          ...{ width: 11, height: 9, colourType: 3, depth, interlace },
          sample: (x, y) => [entry(x, y)],
          chunks: [{ type: "PLTE", data: palette }],
        }),
      );
      const expected = Array.from({ length: 11 * 9 }, (_, index) => {
        const value = entry(index % 11, Math.floor(index / 11));
        return [value * 16, 255 - value * 16, value, 255];
      }).flat();
      expect(Array.from(image.pixels)).toEqual(expected);
    }
  });

  it("reads interlaced (Adam7) RGBA and 1-bit greyscale pictures", () => {
    const rgba = noise(13 * 10 * 4);
    const image = decodePng(
      buildPng({
        ...{ width: 13, height: 10, colourType: 6, depth: 8, interlace: true },
        sample: pixels(13, 4, rgba),
      }),
    );
    expect(Array.from(image.pixels)).toEqual(Array.from(rgba));
    const checker = decodePng(
      buildPng({
        ...{ width: 9, height: 3, colourType: 0, depth: 1, interlace: true },
        sample: (x, y) => [(x + y) % 2],
      }),
    );
    const expected = Array.from({ length: 27 }, (_, index) =>
      ((index % 9) + Math.floor(index / 9)) % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255],
    ).flat();
    expect(Array.from(checker.pixels)).toEqual(expected);
  });

  it("reads 16-bit pictures (written by pngjs), keeping the high byte", () => {
    const wide = new PNG({ width: 3, height: 2, bitDepth: 16 });
    const samples = new Uint16Array(3 * 2 * 4).map((_, index) =>
      index % 4 === 3 ? 65535 : ((index * 40) % 256) * 257,
    );
    wide.data = Buffer.from(samples.buffer);
    const file = PNG.sync.write(wide, { bitDepth: 16, colorType: 6, inputColorType: 6 });
    expect(file[24]).toBe(16); // IHDR's bit depth
    const image = decodePng(file);
    expect(Array.from(image.pixels)).toEqual(Array.from(samples, (value) => value >> 8));
  });

  it("reads what the fakes make", () => {
    const image = decodePng(fakeImage({ prompt: "x", width: 40, height: 30 }));
    expect([image.width, image.height, image.pixels.length]).toEqual([40, 30, 40 * 30 * 4]);
  });

  it("says why it cannot read a JPEG or a truncated PNG", () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
    expect(() => decodePng(jpeg)).toThrow(new PngDecodeError("it is a JPEG, not a PNG"));
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

  it("draws a label under each cell in the 3x5 font, cut to the cell's width", () => {
    const sheet = composeContactSheet([solid(64, 64, 10), solid(64, 64, 10)], {
      columns: 2,
      gap: 4,
      labels: ["1", "a very long label that cannot fit"],
    });
    expect([sheet.width, sheet.height]).toEqual([4 + 64 + 4 + 64 + 4, 4 + 64 + 7 + 4]);
    const lit = (left: number) => {
      const rows: string[] = [];
      for (let y = 4 + 64 + 1; y < 4 + 64 + 6; y++) {
        let row = "";
        for (let x = left; x < left + 3; x++)
          row += sheet.pixels[(y * sheet.width + x) * 4] === 200 ? "#" : ".";
        rows.push(row);
      }
      return rows;
    };
    expect(lit(4)).toEqual([".#.", "##.", ".#.", ".#.", "###"]); // "1"
    // The long label stops at its cell's edge: nothing drawn in the gap after the second cell.
    for (let y = 4 + 64; y < sheet.height; y++) {
      for (let x = sheet.width - 4; x < sheet.width; x++) {
        expect(sheet.pixels[(y * sheet.width + x) * 4]).toBe(24);
      }
    }
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
