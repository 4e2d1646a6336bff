import { sniffMediaType } from "../media/sniff.js";
import type { MediaData } from "../spec/index.js";

/** A picture's media type: the one core decoded, else sniffed from its bytes, else PNG. */
export function imageMediaType(image: MediaData): string {
  return image.mediaType ?? sniffMediaType(image.data) ?? "image/png";
}

/** A picture as a `data:` URI, the way video APIs take a first frame inline. */
export function imageDataUri(image: MediaData, mediaType = imageMediaType(image)): string {
  return `data:${mediaType};base64,${Buffer.from(image.data).toString("base64")}`;
}
