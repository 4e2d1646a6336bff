import { MediaError } from "../errors.js";
import { sniffMediaType } from "../media/sniff.js";
import { readWebmInfo } from "./webm-info.js";

/** What decoding a video file found. */
export interface DecodedVideo {
  mediaType: string;
  /** `"MP4"`, `"QuickTime"` or `"WebM"`. */
  container: string;
  /** Undefined only for a WebM that does not record it (a live recording). */
  durationSeconds?: number;
  width?: number;
  height?: number;
  /** An RFC 6381 codec string for MP4 (`"avc1.42c01e"`), the Matroska CodecID for WebM (`"V_VP9"`). */
  codec?: string;
  /** Frames per second, when the file's sample table tells it. */
  fps?: number;
}

/**
 * Decode a generated video before it is handed back: a file that is empty, not video (an HTML
 * error page) or cut short is an error, never a result. mp4box is imported here, on first use,
 * so importing core stays cheap.
 */
export async function decodeVideo(bytes: Uint8Array, provider: string): Promise<DecodedVideo> {
  const mediaType = sniffMediaType(bytes);
  if (mediaType === "video/webm") return decodeWebm(bytes, provider);
  if (mediaType !== "video/mp4" && mediaType !== "video/quicktime") {
    const start = new TextDecoder().decode(bytes.subarray(0, 40)).replace(/\s+/g, " ");
    throw new MediaError(
      `${provider} returned ${bytes.length} bytes that are not an MP4 or WebM video (they start with "${start}").`,
    );
  }
  const { createFile, MP4BoxBuffer } = await import("mp4box");
  const file = createFile();
  let movie: import("mp4box").Movie | undefined;
  let failure: string | undefined;
  file.onReady = (info) => {
    movie = info;
  };
  file.onError = (module, message) => {
    failure = `${module}: ${message}`;
  };
  // A copy of just these bytes: a Buffer's .buffer is often a shared pool, and slice() on a
  // Buffer does not copy.
  const copy = new Uint8Array(bytes).buffer;
  try {
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(copy, 0));
    file.flush();
  } catch (error) {
    failure = (error as Error).message;
  }
  if (failure || !movie) {
    throw new MediaError(
      `${provider} returned a ${mediaType} that does not decode (${failure ?? `no movie header ("moov") in ${bytes.length} bytes: truncated or incomplete`}); try again.`,
    );
  }
  const track = movie.videoTracks[0];
  if (!track?.video) {
    throw new MediaError(`${provider} returned a ${mediaType} with no video track in it.`);
  }
  // Where the frames end: the sample table's last byte, or (fragmented files, whose frames sit
  // in moof + mdat pairs) the end of the last top-level box, which mp4box lists even when cut.
  const samples = movie.isFragmented ? [] : (file.getTrackById(track.id)?.samples ?? []);
  const lastBox = file.boxes.at(-1);
  const end = Math.max(
    samples.reduce((furthest, sample) => Math.max(furthest, sample.offset + sample.size), 0),
    lastBox ? (lastBox.start ?? 0) + lastBox.size : 0,
  );
  if (end > bytes.length) {
    throw new MediaError(
      `${provider} returned a truncated ${mediaType} (${bytes.length} of ${end} bytes); try again.`,
    );
  }
  const trackSeconds = track.timescale ? track.duration / track.timescale : 0;
  const fragments = movie.fragment_duration;
  const durationSeconds =
    (movie.timescale && movie.duration / movie.timescale) ||
    trackSeconds ||
    (fragments?.den ? fragments.num / fragments.den : 0);
  if (!(durationSeconds > 0) || track.nb_samples === 0) {
    throw new MediaError(`${provider} returned a ${mediaType} with no frames in it (0 seconds).`);
  }
  return {
    mediaType,
    container: mediaType === "video/quicktime" ? "QuickTime" : "MP4",
    durationSeconds,
    width: track.video.width,
    height: track.video.height,
    codec: track.codec,
    fps: Math.round((track.nb_samples / (trackSeconds || durationSeconds)) * 1000) / 1000,
  };
}

function decodeWebm(bytes: Uint8Array, provider: string): DecodedVideo {
  const info = readWebmInfo(bytes);
  if (!info) {
    throw new MediaError(
      `${provider} returned a video/webm whose header does not decode (${bytes.length} bytes: truncated or incomplete); try again.`,
    );
  }
  return { mediaType: "video/webm", container: "WebM", ...info };
}
