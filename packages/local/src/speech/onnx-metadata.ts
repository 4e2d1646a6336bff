/**
 * Reads an ONNX model's `metadata_props` without loading it: the top-level protobuf fields
 * are walked and the graph (most of the file) is skipped by its length. sherpa-onnx ends the
 * whole process when a key it needs is missing, so a voice is checked here first.
 */
import { open } from "node:fs/promises";
import { ModelFileError } from "@path/core";

const metadataField = 14;

export async function readOnnxMetadata(path: string): Promise<Record<string, string>> {
  const file = await open(path).catch((error: NodeJS.ErrnoException) => {
    throw new ModelFileError(
      path,
      "missing",
      `Cannot read ${path}: ${error.code ?? error.message}.`,
    );
  });
  try {
    const { size } = await file.stat();
    const notOnnx = (why: string) =>
      new ModelFileError(
        path,
        "load-failed",
        `${path} is not an ONNX model (${why}); download it again or point at the voice's model.onnx.`,
      );
    const metadata: Record<string, string> = {};
    let position = 0;
    const head = Buffer.alloc(20);
    while (position < size) {
      const { bytesRead } = await file.read(head, 0, head.length, position);
      const reader = new VarintReader(head.subarray(0, bytesRead));
      const tag = reader.varint();
      const field = Math.floor(tag / 8);
      const wireType = tag % 8;
      if (field === 0) throw notOnnx(`field 0 at byte ${position}`);
      let skip = 0;
      if (wireType === 0) reader.varint();
      else if (wireType === 1) skip = 8;
      else if (wireType === 5) skip = 4;
      else if (wireType === 2) skip = reader.varint();
      else throw notOnnx(`wire type ${wireType} at byte ${position}`);
      const start = position + reader.offset;
      if (start + skip > size) throw notOnnx("it ends early");
      if (field === metadataField && wireType === 2) {
        const entry = Buffer.alloc(skip);
        await file.read(entry, 0, skip, start);
        const [key, value] = readStringPair(entry);
        if (key !== undefined) metadata[key] = value ?? "";
      }
      position = start + skip;
    }
    return metadata;
  } finally {
    await file.close();
  }
}

/** A `StringStringEntryProto`: field 1 the key, field 2 the value. */
function readStringPair(bytes: Buffer): [string | undefined, string | undefined] {
  const reader = new VarintReader(bytes);
  const pair: [string | undefined, string | undefined] = [undefined, undefined];
  while (reader.offset < bytes.length) {
    const tag = reader.varint();
    if (tag % 8 !== 2) break;
    const length = reader.varint();
    const text = bytes.toString("utf8", reader.offset, reader.offset + length);
    reader.offset += length;
    if (tag >> 3 === 1) pair[0] = text;
    else if (tag >> 3 === 2) pair[1] = text;
  }
  return pair;
}

class VarintReader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.offset++];
      if (byte === undefined) return value;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }
}
