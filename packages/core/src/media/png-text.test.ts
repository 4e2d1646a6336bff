import { crc32 } from "node:zlib";
import { encodePng } from "@path/testing";
import { describe, expect, it } from "vitest";
import { addPngText, readPngText } from "./png-text.js";

/** Every chunk as [type, stored CRC, CRC of its type and data]. */
function crcs(png: Buffer): [string, number, number][] {
  const result: [string, number, number][] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const body = png.subarray(offset + 4, offset + 8 + length);
    result.push([
      body.toString("latin1", 0, 4),
      png.readUInt32BE(offset + 8 + length),
      crc32(body),
    ]);
    offset += 12 + length;
  }
  return result;
}

describe("PNG text chunks", () => {
  it("writes UTF-8 iTXt chunks after IHDR with valid CRCs and reads them back", () => {
    const png = addPngText(encodePng(1, 1, new Uint8Array([128, 128, 128])), {
      parameters: "一只猫, masterpiece\nSteps: 20, Seed: 7",
    });
    expect(readPngText(png)).toEqual({ parameters: "一只猫, masterpiece\nSteps: 20, Seed: 7" });
    const chunks = crcs(png);
    expect(chunks.map(([type]) => type)).toEqual(["IHDR", "iTXt", "IDAT", "IEND"]);
    for (const [, stored, computed] of chunks) expect(stored).toBe(computed);
    // The CRC every PNG ends with, as printed in the PNG specification.
    expect(chunks.at(-1)?.[1]).toBe(0xae426082);
  });
});
