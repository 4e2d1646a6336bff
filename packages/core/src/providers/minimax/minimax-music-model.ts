/**
 * MiniMax music (`POST /v1/music_generation`): `minimax:music-2.6`, `music-3.0`, `music-2.0`,
 * `music-1.5`. One synchronous request (minutes long): it sings `lyrics` in `[Verse]`/`[Chorus]`
 * sections to the style in `prompt`; the length follows the lyrics and cannot be set.
 */
import { InvalidInputError } from "../../errors.js";
import type {
  AudioGenerateResult,
  MusicCallOptions,
  MusicModel,
  Warning,
} from "../../spec/index.js";
import {
  type MiniMaxConnection,
  type MiniMaxReply,
  miniMaxAudio,
  miniMaxPost,
} from "./minimax-client.js";

const formats = new Set(["mp3", "wav"]);
const longestPrompt = 2000;

interface MusicReply extends MiniMaxReply {
  data?: { audio?: string; audio_url?: string; status?: number } | null;
  extra_info?: { music_duration?: number; music_size?: number };
}

/** Models before music-2.6 have no instrumental switch: lyrics are required. */
function takesInstrumental(modelId: string): boolean {
  const version = Number(/^music-(\d+(?:\.\d+)?)/.exec(modelId)?.[1]);
  return !(version < 2.6);
}

export class MiniMaxMusicModel implements MusicModel {
  readonly specVersion = "v1";
  readonly provider = "minimax";
  readonly sings = true;
  /** music-1.5 makes songs of up to 4 minutes; later models state no limit. */
  readonly maxDurationSeconds: number | undefined;

  constructor(
    readonly modelId: string,
    private readonly connection: MiniMaxConnection,
  ) {
    this.maxDurationSeconds = modelId.startsWith("music-1.5") ? 240 : undefined;
  }

  private get longestLyrics(): number {
    if (this.modelId.startsWith("music-1.5")) return 600;
    return takesInstrumental(this.modelId) ? 3500 : 3000;
  }

  async doGenerate(options: MusicCallOptions): Promise<AudioGenerateResult> {
    const name = `minimax:${this.modelId}`;
    const warnings: Warning[] = [];
    const lyrics = options.lyrics?.trim();
    if (!lyrics && !takesInstrumental(this.modelId)) {
      throw new InvalidInputError(
        `${name} sings lyrics and makes no instrumental music: give lyrics, or use minimax:music-2.6 for an instrumental piece.`,
      );
    }
    if (options.prompt.length > longestPrompt) {
      throw new InvalidInputError(
        `The music prompt is ${options.prompt.length} characters; ${name} takes at most ${longestPrompt}.`,
      );
    }
    if (lyrics && lyrics.length > this.longestLyrics) {
      throw new InvalidInputError(
        `The lyrics are ${lyrics.length} characters; ${name} takes at most ${this.longestLyrics}. Shorten them or split the song.`,
      );
    }
    let format = options.format ?? "mp3";
    if (!formats.has(format)) {
      warnings.push(unused("format", `${name} makes mp3 or wav, not ${format}; it sent mp3.`));
      format = "mp3";
    }
    if (options.durationSeconds !== undefined) {
      warnings.push(
        unused(
          "durationSeconds",
          options.lyrics
            ? `${name} sets the length from the lyrics; ${options.durationSeconds} s could not be asked for (add or remove sections to change it).`
            : `${name} chooses the length of an instrumental piece itself; ${options.durationSeconds} s could not be asked for.`,
        ),
      );
    }
    if (options.seed !== undefined) warnings.push(unused("seed", `${name} takes no seed.`));
    const body = {
      model: this.modelId,
      prompt: options.prompt,
      ...(lyrics ? { lyrics } : { is_instrumental: true }),
      stream: false,
      output_format: "hex",
      audio_setting: { sample_rate: 44100, bitrate: 256000, format },
      ...(options.providerOptions?.minimax ?? {}),
    };
    options.onProgress?.({ message: "generating (MiniMax answers when the song is done)" });
    const reply = await miniMaxPost<MusicReply>(
      this.connection,
      "/v1/music_generation",
      body,
      "music",
      options,
    );
    options.onActivity?.();
    const data = await miniMaxAudio(
      this.connection,
      reply.data,
      reply.extra_info?.music_size,
      options,
    );
    options.onProgress?.({ fraction: 1, message: "done" });
    return { audio: { data }, warnings, response: { id: reply.trace_id, modelId: this.modelId } };
  }
}

function unused(setting: string, message: string): Warning {
  return { type: "unsupported-setting", setting, message };
}
