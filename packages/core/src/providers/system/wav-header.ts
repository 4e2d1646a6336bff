/**
 * espeak-ng writes WAV to stdout before it knows the length, so its RIFF and data sizes say
 * "about 2 GB". Set them from the bytes actually written so decoders see the real duration.
 */
export function fixStreamedWavSizes(wav: Buffer): Buffer {
  if (wav.length < 12 || wav.toString("ascii", 0, 4) !== "RIFF") return wav;
  const fixed = Buffer.from(wav);
  fixed.writeUInt32LE(fixed.length - 8, 4);
  let offset = 12;
  while (offset + 8 <= fixed.length) {
    const id = fixed.toString("ascii", offset, offset + 4);
    if (id === "data") {
      fixed.writeUInt32LE(fixed.length - offset - 8, offset + 4);
      break;
    }
    offset += 8 + fixed.readUInt32LE(offset + 4);
  }
  return fixed;
}
