/**
 * A vector in pgvector's binary wire format (int16 dimensions, int16 unused, big-endian
 * float4s). `pg` sends a Buffer parameter as binary, so the server skips parsing decimal text,
 * which costs about a millisecond per 384-d row on small servers.
 */
export function toPgVector(vector: ArrayLike<number>): Buffer {
  const buffer = Buffer.allocUnsafe(4 + 4 * vector.length);
  buffer.writeInt16BE(vector.length, 0);
  buffer.writeInt16BE(0, 2);
  for (let i = 0; i < vector.length; i++) buffer.writeFloatBE(vector[i] as number, 4 + 4 * i);
  return buffer;
}
