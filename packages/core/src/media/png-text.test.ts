import { crc32, deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { addPngText, readPngText } from "./png-text.js";

/** A 1x1 grey PNG built from raw chunks, each with the CRC the PNG spec requires. */
function tinyPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.from([0, 0x80]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

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
    const png = addPngText(tinyPng(), { parameters: "一只猫, masterpiece\nSteps: 20, Seed: 7" });
    expect(readPngText(png)).toEqual({ parameters: "一只猫, masterpiece\nSteps: 20, Seed: 7" });
    const chunks = crcs(png);
    expect(chunks.map(([type]) => type)).toEqual(["IHDR", "iTXt", "IDAT", "IEND"]);
    for (const [, stored, computed] of chunks) expect(stored).toBe(computed);
    // The CRC every PNG ends with, as printed in the PNG specification.
    expect(chunks.at(-1)?.[1]).toBe(0xae426082);
  });
});
