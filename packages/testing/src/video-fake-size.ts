/**
 * Sizes for fake video results: a vendor asks for 1280x720 or "720P", the fake makes a tiny
 * video of the same shape (16:9 → 64x36, 9:16 → 36x64, 1:1 → 48x48) so tests stay fast.
 */

/** A small even-sided size with the ratio of `width` x `height` (long side 64, square 48). */
export function smallVideoSize(width: number, height: number): { width: number; height: number } {
  if (width === height) return { width: 48, height: 48 };
  const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);
  return width > height
    ? { width: 64, height: even((64 * height) / width) }
    : { width: even((64 * width) / height), height: 64 };
}

/** A small size of a `W:H` ratio ("16:9", or Runway's "1280:720"): 16:9 → 64x36. */
export function smallVideoSizeOfRatio(ratio: string): { width: number; height: number } {
  const [width, height] = ratio.split(":").map(Number) as [number, number];
  return smallVideoSize(width, height);
}

/** The bytes of a `data:<type>;base64,…` URL, or undefined for anything else. */
export function dataUrlBytes(value: unknown): Buffer | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^data:([\w.+-]+\/[\w.+-]+);base64,(.*)$/s.exec(value);
  return match ? Buffer.from(match[2]!, "base64") : undefined;
}

/** Width and height of a PNG or JPEG, or undefined when the bytes are neither. */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}
