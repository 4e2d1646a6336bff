import { readFile, stat } from "node:fs/promises";
import { InvalidInputError, MediaError } from "../errors.js";
import { extensionFor } from "../media/sniff.js";
import type { MediaData, ReferenceAudioLimits } from "../spec/index.js";
import { decodeAudio } from "./decode-audio.js";

/** Refuse a file this much over any provider's limit before reading it into memory. */
const largestReadBytes = 100 * 1024 * 1024;

/**
 * Read and check a reference clip for voice cloning before anything is uploaded or paid for:
 * it must be audio, whole, in a format the model takes and within its length limits.
 */
export async function readReferenceAudio(
  reference: Uint8Array | string,
  limits: ReferenceAudioLimits,
  model: string,
): Promise<MediaData> {
  const name = typeof reference === "string" ? reference : "the reference clip";
  const data = typeof reference === "string" ? await readClip(reference) : reference;
  const decoded = await decodeAudio(data, name).catch((error: unknown) => {
    if (!(error instanceof MediaError)) throw error;
    throw new InvalidInputError(
      `${name} is not a usable recording (${error.message.replace(`${name} returned `, "")}); give a WAV or MP3 of the voice to copy.`,
    );
  });
  const format = extensionFor(decoded.mediaType);
  if (!limits.formats.includes(format)) {
    throw new InvalidInputError(
      `${model} takes reference clips as ${limits.formats.join(", ")}, not ${format}; convert it first (ffmpeg -i ${name} reference.wav).`,
    );
  }
  const seconds = decoded.durationSeconds;
  if (seconds < limits.minSeconds || seconds > limits.maxSeconds) {
    throw new InvalidInputError(
      `${name} is ${seconds.toFixed(1)} s long; ${model} needs a clip of ${limits.minSeconds} to ${limits.maxSeconds} s of one person speaking.`,
    );
  }
  if (limits.maxBytes !== undefined && data.length > limits.maxBytes) {
    throw new InvalidInputError(
      `${name} is ${data.length} bytes; ${model} takes at most ${limits.maxBytes}. Trim it or save it as MP3.`,
    );
  }
  return { data, mediaType: decoded.mediaType };
}

async function readClip(path: string): Promise<Uint8Array> {
  const info = await stat(path).catch(() => {
    throw new InvalidInputError(
      `Cannot read the reference clip ${path}: no such file, or no permission.`,
    );
  });
  if (info.isDirectory()) {
    throw new InvalidInputError(
      `The reference clip ${path} is a folder; give one recording (WAV or MP3) in it.`,
    );
  }
  if (info.size === 0) throw new InvalidInputError(`The reference clip ${path} is empty.`);
  if (info.size > largestReadBytes) {
    throw new InvalidInputError(
      `The reference clip ${path} is ${info.size} bytes; a few seconds to a minute of speech is enough.`,
    );
  }
  return readFile(path);
}
