/**
 * Writes a GGUF v3 file: header, key/value metadata, tensor infos, then aligned tensor data.
 * Only the value and tensor types the tiny model needs.
 */
import { open, rename } from "node:fs/promises";

export type GgufValue =
  | { type: "uint32"; value: number }
  | { type: "int32"; value: number }
  | { type: "float32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "string"; value: string }
  | { type: "string[]"; value: string[] }
  | { type: "int32[]"; value: number[] };

export interface GgufTensor {
  name: string;
  /** `ne` order: the contiguous dimension first (a PyTorch `[out, in]` matrix is `[in, out]`). */
  shape: number[];
  /** Called once, while writing, so a big model never sits in memory whole. */
  values: () => Float32Array;
  /** Storage type in the file. */
  type: "f32" | "f16";
}

const valueType = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9 } as const;
const tensorType = { f32: 0, f16: 1 } as const;

class ByteWriter {
  readonly chunks: Buffer[] = [];
  length = 0;

  push(buffer: Buffer): void {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }
  uint32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32LE(value);
    this.push(buffer);
  }
  int32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeInt32LE(value);
    this.push(buffer);
  }
  uint64(value: number): void {
    const buffer = Buffer.alloc(8);
    buffer.writeBigUInt64LE(BigInt(value));
    this.push(buffer);
  }
  float32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeFloatLE(value);
    this.push(buffer);
  }
  string(value: string): void {
    const bytes = Buffer.from(value, "utf8");
    this.uint64(bytes.length);
    this.push(bytes);
  }
}

function writeValue(writer: ByteWriter, value: GgufValue): void {
  switch (value.type) {
    case "uint32":
      writer.uint32(value.value);
      return;
    case "int32":
      writer.int32(value.value);
      return;
    case "float32":
      writer.float32(value.value);
      return;
    case "bool":
      writer.push(Buffer.from([value.value ? 1 : 0]));
      return;
    case "string":
      writer.string(value.value);
      return;
    case "string[]":
      writer.uint32(valueType.string);
      writer.uint64(value.value.length);
      for (const item of value.value) writer.string(item);
      return;
    case "int32[]":
      writer.uint32(valueType.int32);
      writer.uint64(value.value.length);
      for (const item of value.value) writer.int32(item);
      return;
  }
}

function typeCode(value: GgufValue): number {
  return value.type.endsWith("[]") ? valueType.array : valueType[value.type as "uint32"];
}

function tensorBytes(tensor: GgufTensor): Buffer {
  const values = tensor.values();
  if (tensor.type === "f32")
    return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const half = Buffer.alloc(values.length * 2);
  for (let index = 0; index < values.length; index++) {
    half.writeUInt16LE(float16Bits(values[index]!), index * 2);
  }
  return half;
}

const elementCount = (tensor: GgufTensor) =>
  tensor.shape.reduce((product, size) => product * size, 1);

const alignUp = (value: number, alignment: number) => Math.ceil(value / alignment) * alignment;

/** Writes the file to `<path>.tmp` and renames it, so readers never see half a model. */
export async function writeGguf(
  path: string,
  metadata: [string, GgufValue][],
  tensors: GgufTensor[],
  alignment = 32,
): Promise<number> {
  const header = new ByteWriter();
  header.push(Buffer.from("GGUF", "latin1"));
  header.uint32(3);
  header.uint64(tensors.length);
  header.uint64(metadata.length);
  for (const [key, value] of metadata) {
    header.string(key);
    header.uint32(typeCode(value));
    writeValue(header, value);
  }
  let offset = 0;
  for (const tensor of tensors) {
    header.string(tensor.name);
    header.uint32(tensor.shape.length);
    for (const size of tensor.shape) header.uint64(size);
    header.uint32(tensorType[tensor.type]);
    header.uint64(offset);
    offset = alignUp(offset + elementCount(tensor) * (tensor.type === "f32" ? 4 : 2), alignment);
  }
  header.push(Buffer.alloc(alignUp(header.length, alignment) - header.length));

  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, "w");
  let written = 0;
  try {
    await file.write(Buffer.concat(header.chunks));
    written += header.length;
    for (const tensor of tensors) {
      const bytes = tensorBytes(tensor);
      const padding = alignUp(bytes.length, alignment) - bytes.length;
      await file.write(padding > 0 ? Buffer.concat([bytes, Buffer.alloc(padding)]) : bytes);
      written += bytes.length + padding;
    }
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  return written;
}

const scratch = new DataView(new ArrayBuffer(4));

/** IEEE 754 half precision, round to nearest even (enough for random test weights). */
function float16Bits(value: number): number {
  scratch.setFloat32(0, value);
  const bits = scratch.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent >= 31) return sign | 0x7c00;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    const shifted = (mantissa | 0x800000) >> (1 - exponent);
    return sign | ((shifted + 0x1000) >> 13);
  }
  const rounded = (exponent << 10) | (mantissa >> 13);
  const remainder = mantissa & 0x1fff;
  return sign | (rounded + (remainder > 0x1000 || (remainder === 0x1000 && rounded & 1) ? 1 : 0));
}
