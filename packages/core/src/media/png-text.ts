/**
 * PNG `tEXt` chunks: how Stable Diffusion WebUI stores generation parameters inside the image
 * (key `parameters`), so a picture can be dropped back into "PNG Info" and made again.
 * The chunk walk stays hand-written: PNG codecs such as pngjs decode pixels but drop text
 * chunks, and core takes no image dependency for this. The CRC is zlib's.
 */
import { crc32, inflateSync } from "node:zlib";
import { MediaError } from "../errors.js";

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Chunk {
  type: string;
  data: Buffer;
  start: number;
  end: number;
}

function* chunks(png: Buffer): Generator<Chunk> {
  if (!png.subarray(0, 8).equals(signature)) throw new MediaError("Not a PNG file.");
  let offset = 8;
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > png.length) throw new MediaError("The PNG file is truncated.");
    yield { type, data: png.subarray(offset + 8, offset + 8 + length), start: offset, end };
    offset = end;
  }
}

/**
 * Add `iTXt` text chunks (UTF-8, so Chinese prompts survive) before the image data.
 * WebUI reads both `tEXt` and `iTXt`.
 */
export function addPngText(png: Uint8Array, entries: Record<string, string>): Buffer {
  const source = Buffer.from(png);
  const first = chunks(source).next().value as Chunk; // IHDR
  const extra = Object.entries(entries).map(([key, value]) => {
    const data = Buffer.concat([
      Buffer.from(key, "latin1"),
      Buffer.from([0, 0, 0, 0, 0]), // separator, compression flag, method, language, translated key
      Buffer.from(value, "utf8"),
    ]);
    const body = Buffer.concat([Buffer.from("iTXt", "latin1"), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  });
  return Buffer.concat([source.subarray(0, first.end), ...extra, source.subarray(first.end)]);
}

/** Read every `tEXt`, `zTXt` and `iTXt` entry of a PNG. */
export function readPngText(png: Uint8Array): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { type, data } of chunks(Buffer.from(png))) {
    const separator = data.indexOf(0);
    if (separator < 0) continue;
    const key = data.toString("latin1", 0, separator);
    if (type === "tEXt") result[key] = data.toString("latin1", separator + 1);
    else if (type === "zTXt")
      result[key] = inflateSync(data.subarray(separator + 2)).toString("latin1");
    else if (type === "iTXt") {
      const compressed = data[separator + 1] === 1;
      let offset = separator + 3;
      offset = data.indexOf(0, offset) + 1; // language tag
      offset = data.indexOf(0, offset) + 1; // translated keyword
      const text = data.subarray(offset);
      result[key] = (compressed ? inflateSync(text) : text).toString("utf8");
    }
  }
  return result;
}
