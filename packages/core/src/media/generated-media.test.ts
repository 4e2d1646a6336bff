import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { MediaError } from "../errors.js";
import { GeneratedMedia } from "./generated-media.js";
import { imageSize } from "./image-size.js";
import { sniffMediaType } from "./sniff.js";

/** A real (tiny, grey) PNG of the given size. */
function png(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("GeneratedMedia", () => {
  const folder = useTempDir("media-");
  it("trusts the bytes over the claimed media type", () => {
    const media = new GeneratedMedia(png(3, 2), "image/jpeg");
    expect(media.mediaType).toBe("image/png");
    expect(imageSize(media.bytes)).toEqual({ width: 3, height: 2 });
  });

  it("refuses bytes that are no known format and have no claimed type", () => {
    expect(() => new GeneratedMedia(new TextEncoder().encode("<html>error</html>"))).toThrow(
      MediaError,
    );
  });

  it("saves atomically and never overwrites unless asked", async () => {
    const path = join(folder(), "nested", "image.png");
    await new GeneratedMedia(png(1, 1)).save(path);
    await expect(new GeneratedMedia(png(2, 2)).save(path)).rejects.toMatchObject({
      code: "file-exists",
    });
    expect(imageSize(await readFile(path))).toEqual({ width: 1, height: 1 });
    await new GeneratedMedia(png(2, 2)).save(path, { overwrite: true });
    expect(imageSize(await readFile(path))).toEqual({ width: 2, height: 2 });
  });

  it("keeps an existing file intact when a save fails", async () => {
    const path = join(folder(), "keep.txt");
    await writeFile(path, "precious");
    await expect(new GeneratedMedia(png(1, 1)).save(path)).rejects.toThrow(/already exists/);
    expect(await readFile(path, "utf8")).toBe("precious");
  });
});

describe("sniffMediaType", () => {
  it("recognises common image, audio and video headers", () => {
    const bytes = (text: string, offset = 0) => {
      const buffer = Buffer.alloc(16);
      buffer.write(text, offset, "latin1");
      return buffer;
    };
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    const wav = bytes("RIFF");
    wav.write("WAVE", 8, "latin1");
    expect(sniffMediaType(wav)).toBe("audio/wav");
    const mp4 = bytes("ftyp", 4);
    mp4.write("isom", 8, "latin1");
    expect(sniffMediaType(mp4)).toBe("video/mp4");
    expect(sniffMediaType(bytes("ID3"))).toBe("audio/mpeg");
    expect(sniffMediaType(bytes("hello world"))).toBeUndefined();
  });
});
