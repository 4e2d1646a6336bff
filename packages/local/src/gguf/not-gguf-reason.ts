/**
 * The first-bytes check: before a GGUF reader sees a file, say what it is instead when it is
 * not GGUF at all (an HTML login page, a Git LFS pointer, safetensors, empty). The reader's
 * own message would only say "invalid magic".
 */
import { open } from "node:fs/promises";

const inspectedBytes = 200;

/** Why the file is not GGUF, or undefined when it starts like one. */
export async function notGgufReason(path: string): Promise<string | undefined> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(inspectedBytes);
    const { bytesRead } = await file.read(buffer, 0, inspectedBytes, 0);
    const start = buffer.subarray(0, bytesRead);
    return start.toString("latin1", 0, 4) === "GGUF" ? undefined : describeNonGguf(start);
  } finally {
    await file.close();
  }
}

function describeNonGguf(buffer: Buffer): string {
  const start = buffer.toString("utf8").trimStart();
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
