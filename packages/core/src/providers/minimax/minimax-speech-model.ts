/**
 * MiniMax speech (T2A v2, `POST /v1/t2a_v2`): `minimax:speech-02-hd`, `speech-2.6-turbo`, …
 * Voice cloning from `referenceAudio` goes through {@link MiniMaxVoiceCloner} first.
 */
import { InvalidInputError } from "../../errors.js";
import type {
  AudioGenerateResult,
  SpeechCallOptions,
  SpeechModel,
  Voice,
  Warning,
} from "../../spec/index.js";
import {
  type MiniMaxConnection,
  type MiniMaxReply,
  miniMaxAudio,
  miniMaxPost,
} from "./minimax-client.js";
import { MiniMaxVoiceCloner, miniMaxReferenceLimits } from "./minimax-voice-clone.js";
import {
  listMiniMaxVoices,
  miniMaxDefaultVoice,
  miniMaxWellKnownVoices,
} from "./minimax-voices.js";

const formats = new Set(["mp3", "wav", "flac"]);
const speedRange = { min: 0.5, max: 2 };

interface SpeechReply extends MiniMaxReply {
  data?: { audio?: string; audio_url?: string; status?: number } | null;
  extra_info?: { audio_size?: number; audio_format?: string };
}

export class MiniMaxSpeechModel implements SpeechModel {
  readonly specVersion = "v1";
  readonly provider = "minimax";
  /** The API takes under 10,000 characters; it advises streaming above 3,000, so parts stay short. */
  readonly maxTextLength = 3000;
  readonly referenceAudio = miniMaxReferenceLimits;
  private readonly cloner: MiniMaxVoiceCloner;

  constructor(
    readonly modelId: string,
    private readonly connection: MiniMaxConnection,
  ) {
    this.cloner = new MiniMaxVoiceCloner(connection);
  }

  listVoices(options: { signal?: AbortSignal } = {}): Promise<Voice[]> {
    return listMiniMaxVoices(this.connection, options.signal);
  }

  async doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    const name = `minimax:${this.modelId}`;
    const warnings: Warning[] = [];
    let format = options.format ?? "mp3";
    if (!formats.has(format)) {
      warnings.push(
        unused("format", `${name} makes mp3, wav or flac, not ${format}; it sent mp3.`),
      );
      format = "mp3";
    }
    let speed = options.speed;
    if (speed !== undefined && (speed < speedRange.min || speed > speedRange.max)) {
      const clamped = Math.min(speedRange.max, Math.max(speedRange.min, speed));
      warnings.push(
        unused(
          "speed",
          `${name} speaks at ${speedRange.min}–${speedRange.max}×; ${speed} became ${clamped}.`,
        ),
      );
      speed = clamped;
    }
    if (options.instructions !== undefined) {
      warnings.push(
        unused(
          "instructions",
          `${name} takes no directions; set an emotion with providerOptions.minimax.voice_setting.emotion (happy, sad, calm, …).`,
        ),
      );
    }
    if (options.seed !== undefined) warnings.push(unused("seed", `${name} takes no seed.`));
    if (options.referenceAudio && options.voice) {
      warnings.push(
        unused("voice", `${name} speaks with the cloned voice; "${options.voice}" was not used.`),
      );
    }
    const clonedVoice = options.referenceAudio
      ? await this.cloner.voiceFor(options.referenceAudio, options.referenceText, options.signal)
      : undefined;
    const voice = clonedVoice ?? options.voice ?? miniMaxDefaultVoice;
    const {
      voice_setting: extraVoice,
      audio_setting: extraAudio,
      ...extra
    } = (options.providerOptions?.minimax ?? {}) as Record<string, Record<string, unknown>>;
    const body = {
      model: this.modelId,
      text: options.text,
      stream: false,
      output_format: "hex",
      voice_setting: { voice_id: voice, speed: speed ?? 1, ...extraVoice },
      audio_setting: { sample_rate: 32000, format, channel: 1, ...extraAudio },
      ...extra,
    };
    const reply = await miniMaxPost<SpeechReply>(
      this.connection,
      "/v1/t2a_v2",
      body,
      "speech",
      options,
    ).catch(async (error: unknown) => {
      throw (await this.unknownVoice(error, voice, options.signal)) ?? error;
    });
    options.onActivity?.();
    const data = await miniMaxAudio(
      this.connection,
      reply.data,
      reply.extra_info?.audio_size,
      options,
    );
    return {
      audio: { data },
      warnings,
      response: { id: reply.trace_id, modelId: this.modelId },
      ...(clonedVoice ? { clonedVoice } : {}),
    };
  }

  /** MiniMax refuses an unknown voice as invalid params; say which voices there are. */
  private async unknownVoice(error: unknown, voice: string, signal?: AbortSignal) {
    if (!(error instanceof InvalidInputError) || !/voice/i.test(error.message)) return undefined;
    const voices = await this.listVoices({ signal }).catch(() => undefined);
    if (voices?.some((known) => known.id === voice)) return undefined;
    const some = (voices?.map((known) => known.id) ?? miniMaxWellKnownVoices).slice(0, 8);
    return new InvalidInputError(
      `minimax:${this.modelId} has no voice "${voice}"; it has ${some.join(", ")}, … (list them all with listVoices).`,
    );
  }
}

function unused(setting: string, message: string): Warning {
  return { type: "unsupported-setting", setting, message };
}
