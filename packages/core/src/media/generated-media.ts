import { MediaError } from "../errors.js";
import { saveFileAtomically } from "./save-file.js";
import { sniffMediaType } from "./sniff.js";

/**
 * Generated media, the same type for every job: the bytes, their media type (sniffed from
 * the bytes, never trusted from a header alone) and an atomic `save`.
 */
export class GeneratedMedia {
  readonly bytes: Uint8Array;
  readonly mediaType: string;

  constructor(bytes: Uint8Array, claimedMediaType?: string) {
    const sniffed = sniffMediaType(bytes);
    if (!sniffed && !claimedMediaType) {
      const start = new TextDecoder().decode(bytes.subarray(0, 60)).replace(/\s+/g, " ");
      throw new MediaError(
        `The provider sent ${bytes.length} bytes that are not a known image, audio or video format (they start with "${start}").`,
      );
    }
    this.bytes = bytes;
    this.mediaType = sniffed ?? claimedMediaType!;
  }

  get base64(): string {
    return Buffer.from(this.bytes).toString("base64");
  }

  /** Write to `path` atomically; refuses to replace an existing file unless `overwrite`. */
  save(path: string, options: { overwrite?: boolean } = {}): Promise<void> {
    return saveFileAtomically(path, this.bytes, options);
  }
}
