import { describe, expect, it } from "vitest";
import { fakeImage } from "./fake-png.js";
import { dataUrlBytes, imageSize, smallVideoSize } from "./video-fake-size.js";

/** A JPEG's start: SOI, an APP0 segment, then a baseline SOF0 carrying the frame size. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([
    0xff,
    0xe0,
    0x00,
    0x10,
    ...Buffer.from("JFIF\0"),
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
  ]);
  const sof0 = Buffer.alloc(19);
  sof0.set([0xff, 0xc0, 0x00, 0x11, 8]);
  sof0.writeUInt16BE(height, 5);
  sof0.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0]);
}

describe("fake video sizes", () => {
  it.each([
    [1280, 720, 64, 36],
    [720, 1280, 36, 64],
    [960, 960, 48, 48],
    [1088, 832, 64, 48],
    [832, 480, 64, 36],
  ])("%ix%i becomes %ix%i", (width, height, smallWidth, smallHeight) => {
    expect(smallVideoSize(width, height)).toEqual({ width: smallWidth, height: smallHeight });
  });

  it("reads the size of a PNG and of a JPEG, and nothing from other bytes", () => {
    expect(imageSize(fakeImage({ prompt: "p", width: 33, height: 21 }))).toEqual({
      width: 33,
      height: 21,
    });
    expect(imageSize(jpegHeader(640, 360))).toEqual({ width: 640, height: 360 });
    expect(imageSize(Buffer.from("GIF89a........"))).toBeUndefined();
  });

  it("decodes a base64 data URL and nothing else", () => {
    expect(dataUrlBytes("data:image/png;base64,aGVsbG8=")?.toString()).toBe("hello");
    expect(dataUrlBytes("https://example.com/a.png")).toBeUndefined();
    expect(dataUrlBytes(42)).toBeUndefined();
  });
});
