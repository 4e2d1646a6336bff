/**
 * Join the parts of a long text's speech into one file. WAV parts are joined sample by
 * sample with a short fade at each edge and a breath of silence between them, so no join
 * clicks; MP3 parts are joined frame by frame, without the tags and header frames that would
 * make players stop after the first part.
 */
import { MediaError } from "../errors.js";

const fadeSeconds = 0.01;
const pauseSeconds = 0.15;

export function joinAudioParts(parts: Uint8Array[], mediaType: string): Uint8Array {
  if (mediaType === "audio/wav") return joinWav(parts);
  if (mediaType === "audio/mpeg") return Buffer.concat(parts.map(mp3Frames));
  throw new MediaError(
    `Speech made in parts cannot be joined as ${mediaType}; ask for wav or mp3, or give shorter text.`,
  );
}

interface PcmWav {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  samples: Buffer;
}

function readWav(bytes: Uint8Array): PcmWav {
  const wav = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  let format: Omit<PcmWav, "samples"> | undefined;
  while (offset + 8 <= wav.length) {
    const id = wav.toString("ascii", offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") {
      if (wav.readUInt16LE(body) !== 1 || wav.readUInt16LE(body + 14) !== 16) {
        throw new MediaError(
          "Only 16-bit PCM WAV speech parts can be joined; ask for mp3 instead.",
        );
      }
      format = {
        channels: wav.readUInt16LE(body + 2),
        sampleRate: wav.readUInt32LE(body + 4),
        bitsPerSample: 16,
      };
    }
    // Streamed WAVs may say 0 or 0xFFFFFFFF for the data size: the data runs to the end.
    if (id === "data" && format) {
      const end =
        size === 0 || size === 0xffffffff ? wav.length : Math.min(body + size, wav.length);
      return { ...format, samples: wav.subarray(body, end) };
    }
    offset = body + size + (size % 2);
  }
  throw new MediaError("A speech part is a WAV with no fmt or data chunk; it cannot be joined.");
}

function joinWav(parts: Uint8Array[]): Uint8Array {
  const wavs = parts.map(readWav);
  const first = wavs[0]!;
  if (wavs.some((wav) => wav.channels !== first.channels || wav.sampleRate !== first.sampleRate)) {
    throw new MediaError(
      "The speech parts came back at different sample rates; they cannot be joined.",
    );
  }
  const frameBytes = first.channels * 2;
  const pause = Buffer.alloc(Math.round(pauseSeconds * first.sampleRate) * frameBytes);
  const chunks: Buffer[] = [];
  wavs.forEach((wav, index) => {
    if (index > 0) chunks.push(pause);
    chunks.push(fadeEdges(wav.samples, first.channels, Math.round(fadeSeconds * first.sampleRate)));
  });
  return wavFile(Buffer.concat(chunks), first);
}

/** A copy of 16-bit samples with a linear fade in at the start and out at the end. */
function fadeEdges(samples: Buffer, channels: number, fadeFrames: number): Buffer {
  const out = Buffer.from(samples);
  const frames = Math.floor(out.length / (channels * 2));
  const length = Math.min(fadeFrames, Math.floor(frames / 2));
  for (let frame = 0; frame < length; frame++) {
    const gain = frame / length;
    for (let channel = 0; channel < channels; channel++) {
      const head = (frame * channels + channel) * 2;
      const tail = ((frames - 1 - frame) * channels + channel) * 2;
      out.writeInt16LE(Math.round(out.readInt16LE(head) * gain), head);
      out.writeInt16LE(Math.round(out.readInt16LE(tail) * gain), tail);
    }
  }
  return out;
}

function wavFile(samples: Buffer, format: Omit<PcmWav, "samples">): Uint8Array {
  const header = Buffer.alloc(44);
  const blockAlign = format.channels * 2;
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + samples.length, 4);
  header.write("WAVEfmt ", 8, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

const bitrates = {
  v1l3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l3: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const sampleRates = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** The MPEG audio frames of an MP3, without ID3 tags and without a Xing/Info/VBRI header frame. */
function mp3Frames(bytes: Uint8Array): Buffer {
  let mp3 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mp3.toString("ascii", 0, 3) === "ID3") {
    const size =
      ((mp3[6]! & 0x7f) << 21) |
      ((mp3[7]! & 0x7f) << 14) |
      ((mp3[8]! & 0x7f) << 7) |
      (mp3[9]! & 0x7f);
    const footer = mp3[5]! & 0x10 ? 10 : 0;
    mp3 = mp3.subarray(10 + size + footer);
  }
  if (mp3.length >= 128 && mp3.toString("ascii", mp3.length - 128, mp3.length - 125) === "TAG") {
    mp3 = mp3.subarray(0, mp3.length - 128);
  }
  const start = mp3.findIndex(
    (byte, index) => byte === 0xff && ((mp3[index + 1] ?? 0) & 0xe0) === 0xe0,
  );
  if (start < 0)
    throw new MediaError("A speech part is an MP3 with no audio frames; it cannot be joined.");
  mp3 = mp3.subarray(start);
  const length = frameLength(mp3);
  const header = mp3.toString("latin1", 4, Math.min(length ?? 0, 200));
  return length && /Xing|Info|VBRI/.test(header) ? mp3.subarray(length) : mp3;
}

/** The length in bytes of the Layer III frame at the start of `mp3`, when its header is valid. */
function frameLength(mp3: Buffer): number | undefined {
  const version = (mp3[1]! >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
  const layer = (mp3[1]! >> 1) & 3; // 1 = Layer III
  const bitrate = (version === 3 ? bitrates.v1l3 : bitrates.v2l3)[(mp3[2]! >> 4) & 15];
  const sampleRate = sampleRates[version as 3 | 2 | 0]?.[(mp3[2]! >> 2) & 3];
  if (layer !== 1 || !bitrate || !sampleRate) return undefined;
  const padding = (mp3[2]! >> 1) & 1;
  return Math.floor(((version === 3 ? 144 : 72) * bitrate * 1000) / sampleRate) + padding;
}
