/**
 * ElevenLabs text to speech (`elevenlabs:eleven_multilingual_v2`, flash, turbo, v3) and instant
 * voice cloning. A voice is its id or its name on the account ("Rachel"); a reference clip is
 * uploaded once (`/v1/voices/add`) and spoken with at once, and the new voice id is returned so
 * it can be used again without cloning twice.
 */
import { createHash } from "node:crypto";
import { InvalidInputError, InvalidResponseError } from "../../errors.js";
import { extensionFor } from "../../media/sniff.js";
import type {
  AudioGenerateResult,
  MediaData,
  ReferenceAudioLimits,
  SpeechCallOptions,
  SpeechModel,
  Voice,
  Warning,
} from "../../spec/index.js";
import { readJson } from "../server-http.js";
import {
  type ElevenLabsConnection,
  elevenLabsAudio,
  elevenLabsRequest,
  listElevenLabsVoices,
} from "./elevenlabs-client.js";

/** Rachel, a premade voice every account has. */
const defaultVoiceId = "21m00Tcm4TlvDq8ikWAM";
const voiceIdPattern = /^[A-Za-z0-9]{20}$/;
/** voice_settings.speed takes 0.7–1.2. */
const speedRange = { min: 0.7, max: 1.2 };

/** Instant cloning takes common containers; about a minute of clean speech works best. */
const referenceLimits: ReferenceAudioLimits = {
  minSeconds: 3,
  maxSeconds: 300,
  formats: ["mp3", "wav", "m4a", "flac", "ogg"],
  maxBytes: 10 * 1024 * 1024,
};

function outputFormat(format: string | undefined, warnings: Warning[]): string {
  if (format === undefined || format === "mp3") return "mp3_44100_128";
  if (format === "wav") return "wav_24000";
  if (format === "opus" || format === "ogg") return "opus_48000_64";
  warnings.push({
    type: "unsupported-setting",
    setting: "format",
    message: `ElevenLabs makes mp3, wav or opus, not ${format}; you get mp3.`,
  });
  return "mp3_44100_128";
}

export class ElevenLabsSpeechModel implements SpeechModel {
  readonly specVersion = "v1";
  readonly provider = "elevenlabs";
  readonly referenceAudio = referenceLimits;
  /** Characters per call; core reads longer text in parts. v3 takes fewer than the others. */
  readonly maxTextLength: number;
  private readonly cloned = new Map<string, string>();

  constructor(
    readonly modelId: string,
    private readonly connection: ElevenLabsConnection,
  ) {
    this.maxTextLength = modelId === "eleven_v3" ? 3000 : 5000;
  }

  listVoices(options: { signal?: AbortSignal } = {}): Promise<Voice[]> {
    return listElevenLabsVoices(this.connection, options);
  }

  async doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    const warnings: Warning[] = [];
    const settings = { signal: options.signal, headers: options.headers };
    let clonedVoice: string | undefined;
    let voiceId: string;
    if (options.referenceAudio) {
      clonedVoice = await this.cloneOnce(options.referenceAudio, options.signal);
      voiceId = clonedVoice;
    } else {
      voiceId = await this.voiceId(options.voice, options.signal);
    }
    const voiceSettings: Record<string, unknown> = {};
    if (options.speed !== undefined) {
      const speed = Math.min(speedRange.max, Math.max(speedRange.min, options.speed));
      if (speed !== options.speed) {
        warnings.push({
          type: "unsupported-setting",
          setting: "speed",
          message: `ElevenLabs speaks at ${speedRange.min}–${speedRange.max}× speed; ${options.speed} became ${speed}.`,
        });
      }
      voiceSettings.speed = speed;
    }
    if (options.instructions !== undefined) {
      warnings.push({
        type: "unsupported-setting",
        setting: "instructions",
        message:
          "ElevenLabs takes no spoken directions; write them into the text as audio tags (eleven_v3).",
      });
    }
    const body = {
      text: options.text,
      model_id: this.modelId,
      ...(Object.keys(voiceSettings).length ? { voice_settings: voiceSettings } : {}),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...options.providerOptions?.elevenlabs,
    };
    const response = await elevenLabsRequest(
      this.connection,
      `/v1/text-to-speech/${voiceId}`,
      { body, query: { output_format: outputFormat(options.format, warnings) } },
      settings,
    );
    const data = await elevenLabsAudio(this.connection, response);
    return {
      audio: { data },
      warnings,
      seed: options.seed,
      clonedVoice,
      response: { id: response.headers.get("request-id") ?? undefined, modelId: this.modelId },
    };
  }

  /** An id as it is; a name looked up on the account; none → Rachel. */
  private async voiceId(voice: string | undefined, signal?: AbortSignal): Promise<string> {
    if (!voice) return defaultVoiceId;
    if (voiceIdPattern.test(voice)) return voice;
    const voices = await this.listVoices({ signal });
    const found = voices.find((known) => known.name?.toLowerCase() === voice.toLowerCase());
    if (found) return found.id;
    const names = voices.slice(0, 12).map((known) => known.name ?? known.id);
    throw new InvalidInputError(
      `elevenlabs has no voice "${voice}" on this account; it has ${names.join(", ")} (npm run music -- voices --model elevenlabs).`,
    );
  }

  /** Clone a clip the first time it is seen; a retried call reuses the voice it made. */
  private async cloneOnce(clip: MediaData, signal?: AbortSignal): Promise<string> {
    const key = createHash("sha256").update(clip.data).digest("hex");
    const known = this.cloned.get(key);
    if (known) return known;
    const form = new FormData();
    form.append("name", `GenAI Path ${new Date().toISOString().slice(0, 16)}`);
    const extension = extensionFor(clip.mediaType ?? "audio/wav");
    form.append(
      "files",
      new Blob([clip.data as Uint8Array<ArrayBuffer>], { type: clip.mediaType }),
      `reference.${extension}`,
    );
    form.append("remove_background_noise", "false");
    const response = await elevenLabsRequest(
      this.connection,
      "/v1/voices/add",
      { body: form },
      { signal },
    );
    const { voice_id: voiceId } = await readJson<{ voice_id?: string }>(
      this.connection.server,
      response,
    );
    if (!voiceId)
      throw new InvalidResponseError("elevenlabs", "voices/add answered without a voice_id.");
    this.cloned.set(key, voiceId);
    return voiceId;
  }
}
