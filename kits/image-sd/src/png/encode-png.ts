/** Encode 8-bit RGBA pixels as a PNG (RGB when every pixel is opaque, which is smaller). */
import { PNG } from "pngjs";
import type { RgbaImage } from "./decode-png.js";

export function encodePng(image: RgbaImage): Buffer {
  const { width, height, pixels } = image;
  const opaque = pixels.every((value, index) => index % 4 !== 3 || value === 255);
  const png = new PNG({ width, height, colorType: opaque ? 2 : 6 });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  return PNG.sync.write(png, { colorType: opaque ? 2 : 6 });
}
