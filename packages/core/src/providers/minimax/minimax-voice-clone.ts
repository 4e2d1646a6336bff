/**
 * MiniMax voice cloning: upload the sample (purpose `voice_clone`), then `POST /v1/voice_clone`
 * with a voice id we choose. The id is the new voice; it is kept per sample so a retried call
 * does not pay to clone the same recording twice.
 */
import { createHash, randomBytes } from "node:crypto";
import { InvalidResponseError } from "../../errors.js";
import { extensionFor } from "../../media/sniff.js";
import type { MediaData, ReferenceAudioLimits } from "../../spec/index.js";
import { type MiniMaxConnection, type MiniMaxReply, miniMaxPost } from "./minimax-client.js";

/** From the voice_clone docs: 10 s to 5 min, mp3/m4a/wav, at most 20 MB. */
export const miniMaxReferenceLimits: ReferenceAudioLimits = {
  minSeconds: 10,
  maxSeconds: 300,
  formats: ["mp3", "m4a", "wav"],
  maxBytes: 20 * 1024 * 1024,
};

/** MiniMax checks the sample against this text by speech recognition (`text_validation`). */
const longestValidationText = 200;

interface Upload extends MiniMaxReply {
  file?: { file_id?: number | string };
}

export class MiniMaxVoiceCloner {
  /** Sample hash → the voice id cloned from it. */
  private readonly cloned = new Map<string, string>();

  constructor(private readonly connection: MiniMaxConnection) {}

  /** The voice id for this sample, cloning it the first time. */
  async voiceFor(
    sample: MediaData,
    transcript: string | undefined,
    signal?: AbortSignal,
  ): Promise<string> {
    const key = createHash("sha256").update(sample.data).digest("hex");
    const known = this.cloned.get(key);
    if (known) return known;
    const extension = extensionFor(sample.mediaType ?? "audio/wav");
    const form = new FormData();
    form.append("purpose", "voice_clone");
    form.append(
      "file",
      new Blob([sample.data as Uint8Array<ArrayBuffer>], { type: sample.mediaType }),
      `reference.${extension}`,
    );
    const upload = await miniMaxPost<Upload>(this.connection, "/v1/files/upload", form, "clone", {
      signal,
    });
    const fileId = upload.file?.file_id;
    if (fileId === undefined) {
      throw new InvalidResponseError("minimax", "the sample upload answered without a file_id.");
    }
    // 8–256 characters, a letter first, letters and digits after: unique per clone.
    const voiceId = `GenAIPath${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;
    const text = transcript?.trim();
    await miniMaxPost(
      this.connection,
      "/v1/voice_clone",
      {
        file_id: Number.isSafeInteger(Number(fileId)) ? Number(fileId) : fileId,
        voice_id: voiceId,
        ...(text && text.length <= longestValidationText ? { text_validation: text } : {}),
      },
      "clone",
      { signal },
    );
    this.cloned.set(key, voiceId);
    return voiceId;
  }
}
