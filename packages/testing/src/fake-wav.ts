/** Options for {@link fakeWav}. */
export interface FakeWavOptions {
  durationSeconds: number;
  /** Default 24000, what OpenAI speech sends. */
  sampleRate?: number;
  /** Tone pitch in Hz. Default 440. */
  frequency?: number;
}

/** A real 16-bit mono PCM WAV holding a sine tone of the given duration (whole samples). */
export function fakeWav(options: FakeWavOptions): Buffer {
  const sampleRate = options.sampleRate ?? 24000;
  const frequency = options.frequency ?? 440;
  const samples = Math.round(options.durationSeconds * sampleRate);
  const dataBytes = samples * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write("WAVE", 8, "ascii");
  wav.write("fmt ", 12, "ascii");
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(dataBytes, 40);
  for (let index = 0; index < samples; index++) {
    const sample = Math.sin((2 * Math.PI * frequency * index) / sampleRate) * 0.3;
    wav.writeInt16LE(Math.round(sample * 32767), 44 + index * 2);
  }
  return wav;
}

/** Root mean square of a 16-bit mono PCM WAV's samples, 0..1: silence is 0, `fakeWav`'s tone ~0.21. */
export function wavRms(wav: Uint8Array): number {
  const bytes = Buffer.from(wav);
  const start = bytes.indexOf("data") + 8;
  let sum = 0;
  let count = 0;
  for (let offset = start; offset + 1 < bytes.length; offset += 2) {
    const sample = bytes.readInt16LE(offset) / 32768;
    sum += sample * sample;
    count += 1;
  }
  return Math.sqrt(sum / count);
}
