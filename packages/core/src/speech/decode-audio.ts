import { MediaError } from "../errors.js";
import { sniffMediaType } from "../media/sniff.js";

/** What a decoder found in an audio file. */
export interface DecodedAudio {
  mediaType: string;
  /** The container as the decoder names it: `"WAVE"`, `"MPEG"`, `"FLAC"`, `"Ogg"`, … */
  container: string;
  durationSeconds: number;
  sampleRate?: number;
  channels?: number;
}

/**
 * Decode generated audio before it is handed back: a file that is empty, not audio (an HTML
 * error page) or cut short is an error, never a result. music-metadata is imported here, on
 * first use, so importing core stays cheap.
 */
export async function decodeAudio(bytes: Uint8Array, provider: string): Promise<DecodedAudio> {
  const mediaType = sniffMediaType(bytes);
  if (!mediaType?.startsWith("audio/")) {
    const start = new TextDecoder().decode(bytes.subarray(0, 40)).replace(/\s+/g, " ");
    throw new MediaError(
      `${provider} returned ${bytes.length} bytes that are not audio (they start with "${start}").`,
    );
  }
  const { parseBuffer } = await import("music-metadata");
  const metadata = await parseBuffer(
    bytes,
    { mimeType: mediaType, size: bytes.length },
    {
      duration: true,
    },
  ).catch((error: unknown) => {
    throw new MediaError(
      `${provider} returned ${mediaType} that does not decode (${(error as Error).message}); try again.`,
    );
  });
  const { format } = metadata;
  // music-metadata 11 also warns "Data chunk size exceeds file size" for every whole WAV (it
  // compares after subtracting); only the length check on the data chunk means a cut file.
  const cut = metadata.quality.warnings.some((warning) =>
    /exceeding file length|truncat/i.test(warning.message),
  );
  if (cut) {
    throw new MediaError(
      `${provider} returned a truncated ${mediaType} (${bytes.length} bytes); try again.`,
    );
  }
  if (!format.duration || !(format.duration > 0)) {
    throw new MediaError(`${provider} returned ${mediaType} with no sound in it (0 seconds).`);
  }
  return {
    mediaType,
    container: format.container ?? mediaType,
    durationSeconds: format.duration,
    sampleRate: format.sampleRate,
    channels: format.numberOfChannels,
  };
}
