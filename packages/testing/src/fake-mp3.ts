import { Mp3Encoder } from "@breezystack/lamejs";

/** Options for {@link fakeMp3}. */
export interface FakeMp3Options {
  durationSeconds: number;
  /** Default 44100, what music APIs send. */
  sampleRate?: number;
  /** Tone pitch in Hz. Default 440. */
  frequency?: number;
  /** Default 128. */
  kbps?: number;
}

/**
 * A real mono MP3 (MPEG-1 Layer III, encoded by lamejs) holding a sine tone of the given
 * duration, as music and speech APIs send. Its decoded duration is within one frame
 * (1152 samples) of the asked one.
 */
export function fakeMp3(options: FakeMp3Options): Buffer {
  const sampleRate = options.sampleRate ?? 44100;
  const frequency = options.frequency ?? 440;
  const samples = new Int16Array(Math.round(options.durationSeconds * sampleRate));
  for (let index = 0; index < samples.length; index++) {
    samples[index] = Math.round(
      Math.sin((2 * Math.PI * frequency * index) / sampleRate) * 0.3 * 32767,
    );
  }
  const encoder = new Mp3Encoder(1, sampleRate, options.kbps ?? 128);
  const chunks: Uint8Array[] = [];
  const block = 1152 * 16;
  for (let start = 0; start < samples.length; start += block) {
    chunks.push(encoder.encodeBuffer(samples.subarray(start, start + block)));
  }
  chunks.push(encoder.flush());
  return Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)));
}
