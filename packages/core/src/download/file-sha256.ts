import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Feeds a file (or its first `length` bytes) into a running hash. */
export async function hashFileInto(hash: Hash, path: string, length?: number): Promise<void> {
  if (length === 0) return;
  const stream = createReadStream(path, length === undefined ? {} : { end: length - 1 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
}

/** The SHA-256 of a file, lowercase hex. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  await hashFileInto(hash, path);
  return hash.digest("hex");
}
