import sharp from "sharp";

/** dHash: a 9×8 grey thumbnail, one bit per pair of neighbours: near copies differ in a few bits. */
export async function differenceHash(bytes: Uint8Array): Promise<bigint> {
  const pixels = await sharp(bytes).greyscale().resize(9, 8, { fit: "fill" }).raw().toBuffer();
  let hash = 0n;
  for (let row = 0; row < 8; row++) {
    for (let column = 0; column < 8; column++) {
      const left = pixels[row * 9 + column] as number;
      const right = pixels[row * 9 + column + 1] as number;
      hash = (hash << 1n) | (left > right ? 1n : 0n);
    }
  }
  return hash;
}

export function hammingDistance(a: bigint, b: bigint): number {
  let difference = a ^ b;
  let count = 0;
  while (difference) {
    count += Number(difference & 1n);
    difference >>= 1n;
  }
  return count;
}
