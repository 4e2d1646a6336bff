/**
 * Reads a GGUF file's header (metadata and tensor table) without loading the model, so a
 * bad file gets a clear message before llama.cpp sees it and `info` can describe a model.
 */
import { open } from "node:fs/promises";
import { ggmlTensorBytes } from "./ggml-types.js";

/** A metadata value. Long arrays (vocabularies) keep only their length. */
export type GgufValue = number | bigint | string | boolean | GgufValue[] | { arrayLength: number };

export interface GgufTensorInfo {
  name: string;
  /** `ne`: the contiguous dimension first. */
  shape: number[];
  type: number;
  /** Offset from the start of the data section. */
  offset: number;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  /** Where tensor data starts in the file. */
  dataOffset: number;
  /** The smallest file size that holds every tensor, or undefined when a tensor type is unknown. */
  expectedFileSize: number | undefined;
}

/** Thrown when the bytes are not a GGUF header; the message says what they look like instead. */
export class GgufFormatError extends Error {}

/** Keeps arrays up to this length; longer ones (token lists) are skipped and only counted. */
const keptArrayLength = 64;

export async function readGgufHeader(path: string): Promise<GgufHeader> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    for (let length = 1 << 20; ; length *= 4) {
      const buffer = Buffer.alloc(Math.min(length, size));
      await file.read(buffer, 0, buffer.length, 0);
      try {
        return parseHeader(buffer);
      } catch (error) {
        if (!(error instanceof RangeError) || buffer.length >= size) {
          throw error instanceof RangeError
            ? new GgufFormatError("the header runs past the end of the file")
            : error;
        }
      }
    }
  } finally {
    await file.close();
  }
}

function parseHeader(buffer: Buffer): GgufHeader {
  let position = 0;
  const take = (bytes: number) => {
    if (position + bytes > buffer.length) throw new RangeError("need more bytes");
    const start = position;
    position += bytes;
    return start;
  };
  const u32 = () => buffer.readUInt32LE(take(4));
  const u64 = () => {
    const value = buffer.readBigUInt64LE(take(8));
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new GgufFormatError("a length field is absurdly large");
    return Number(value);
  };
  const string = () => {
    const length = u64();
    const start = take(length);
    return buffer.toString("utf8", start, start + length);
  };
  const scalar = (type: number): GgufValue => {
    switch (type) {
      case 0:
        return buffer.readUInt8(take(1));
      case 1:
        return buffer.readInt8(take(1));
      case 2:
        return buffer.readUInt16LE(take(2));
      case 3:
        return buffer.readInt16LE(take(2));
      case 4:
        return u32();
      case 5:
        return buffer.readInt32LE(take(4));
      case 6:
        return buffer.readFloatLE(take(4));
      case 7:
        return buffer.readUInt8(take(1)) !== 0;
      case 8:
        return string();
      case 10:
        return buffer.readBigUInt64LE(take(8));
      case 11:
        return buffer.readBigInt64LE(take(8));
      case 12:
        return buffer.readDoubleLE(take(8));
      default:
        throw new GgufFormatError(`unknown metadata value type ${type}`);
    }
  };
  const value = (type: number): GgufValue => {
    if (type !== 9) return scalar(type);
    const itemType = u32();
    const length = u64();
    if (length > keptArrayLength) {
      for (let index = 0; index < length; index++) scalar(itemType);
      return { arrayLength: length };
    }
    return Array.from({ length }, () => value(itemType));
  };

  if (buffer.toString("latin1", 0, 4) !== "GGUF")
    throw new GgufFormatError(describeNonGguf(buffer));
  take(4);
  const version = u32();
  if (version < 2 || version > 3) {
    throw new GgufFormatError(
      `GGUF version ${version} is not supported (llama.cpp reads versions 2 and 3)`,
    );
  }
  const tensorCount = u64();
  const metadataCount = u64();
  const metadata = new Map<string, GgufValue>();
  for (let index = 0; index < metadataCount; index++) {
    const key = string();
    metadata.set(key, value(u32()));
  }
  const tensors: GgufTensorInfo[] = [];
  for (let index = 0; index < tensorCount; index++) {
    const name = string();
    const dimensions = u32();
    const shape = Array.from({ length: dimensions }, () => u64());
    const type = u32();
    tensors.push({ name, shape, type, offset: u64() });
  }
  const alignment = Number(metadata.get("general.alignment") ?? 32) || 32;
  const dataOffset = Math.ceil(position / alignment) * alignment;
  return {
    version,
    metadata,
    tensors,
    dataOffset,
    expectedFileSize: expectedSize(tensors, dataOffset),
  };
}

function expectedSize(tensors: GgufTensorInfo[], dataOffset: number): number | undefined {
  let end = dataOffset;
  for (const tensor of tensors) {
    const elements = tensor.shape.reduce((product, size) => product * size, 1);
    const bytes = ggmlTensorBytes(tensor.type, elements);
    if (bytes === undefined) return undefined;
    end = Math.max(end, dataOffset + tensor.offset + bytes);
  }
  return end;
}

/** What a file that is not GGUF most likely is, from its first bytes. */
function describeNonGguf(buffer: Buffer): string {
  const start = buffer.toString("utf8", 0, Math.min(buffer.length, 200)).trimStart();
  if (buffer.length === 0) return "the file is empty";
  if (start.startsWith("version https://git-lfs")) {
    return "it is a Git LFS pointer, not the model: download the file itself (git lfs pull, or the resolve/ URL)";
  }
  if (/^<(!doctype|html)/i.test(start))
    return "it is an HTML page (a login or error page saved instead of the model)";
  if (start.startsWith("{")) return "it is JSON text, not a model";
  if (buffer.length >= 9 && buffer.readBigUInt64LE(0) < 100_000_000n && buffer[8] === 0x7b) {
    return "it looks like a safetensors file: convert it to GGUF first (llama.cpp convert_hf_to_gguf.py)";
  }
  return `it starts with ${JSON.stringify(buffer.toString("latin1", 0, 4))} instead of "GGUF"`;
}
