import { randomInt } from "node:crypto";
import { InvalidResponseError } from "../../errors.js";
import type {
  AudioGenerateResult,
  MusicCallOptions,
  MusicModel,
  Warning,
} from "../../spec/index.js";
import { falQueuedAudio } from "./hf-fal-queue.js";
import type { HfClientHolder } from "./hf-provider.js";
import { explainWrongTask } from "./hf-task-error.js";

/** What is known of a family of text-to-audio models. */
interface MusicFamily {
  pattern: RegExp;
  maxDurationSeconds: number;
  sings: boolean;
  /** The fal input field that sets the length. */
  falDurationField: string;
  /** On hf-inference the length is set in new tokens, this many a second (MusicGen: 50). */
  tokensPerSecond?: number;
}

const families: MusicFamily[] = [
  // Trained on 30 s clips.
  {
    pattern: /musicgen/i,
    maxDurationSeconds: 30,
    sings: false,
    falDurationField: "duration",
    tokensPerSecond: 50,
  },
  {
    pattern: /stable-audio/i,
    maxDurationSeconds: 47,
    sings: false,
    falDurationField: "seconds_total",
  },
  { pattern: /ace-?step/i, maxDurationSeconds: 240, sings: true, falDurationField: "duration" },
];

/**
 * `textToAudio` through Inference Providers: `hf:facebook/musicgen-small` on hf-inference
 * (length as MusicGen's new tokens; no seed), or fal-ai's queue for Stable Audio and ACE-Step
 * (length as `seconds_total`/`duration`, a seed always sent so a piece can be made again, and
 * queue position and progress reported while it waits). The provider is chosen as for speech.
 */
export class HfMusicModel implements MusicModel {
  readonly specVersion = "v1";
  readonly provider = "hf";
  readonly maxDurationSeconds?: number;
  readonly sings: boolean;
  private readonly family: MusicFamily | undefined;

  constructor(
    readonly modelId: string,
    private readonly holder: HfClientHolder,
  ) {
    this.family = families.find((family) => family.pattern.test(modelId));
    this.maxDurationSeconds = this.family?.maxDurationSeconds;
    this.sings = this.family?.sings ?? false;
  }

  async doGenerate(options: MusicCallOptions): Promise<AudioGenerateResult> {
    try {
      return await this.generate(options);
    } catch (error) {
      throw explainWrongTask(error, this.modelId, "text-to-audio", "hf:facebook/musicgen-small");
    }
  }

  private async generate(options: MusicCallOptions): Promise<AudioGenerateResult> {
    const { provider: named, ...extra } = (options.providerOptions?.hf ?? {}) as {
      provider?: string;
    } & Record<string, unknown>;
    const provider = named ?? (await this.holder.providerFor(this.modelId, options.signal));
    if (provider === "fal-ai") return this.onFal(options, extra);
    const warnings: Warning[] = [];
    const name = `hf:${this.modelId} on ${provider}`;
    const parameters: Record<string, unknown> = { ...extra };
    const seconds = options.durationSeconds;
    const tokensPerSecond = this.family?.tokensPerSecond;
    if (seconds !== undefined) {
      if (tokensPerSecond !== undefined) {
        parameters.generation_parameters = {
          max_new_tokens: Math.round(seconds * tokensPerSecond),
        };
      } else {
        warnings.push({
          type: "unsupported-setting",
          setting: "durationSeconds",
          message: `${name} cannot be told a length; the piece is as long as the model makes it.`,
        });
      }
    }
    if (options.seed !== undefined) {
      warnings.push({
        type: "unsupported-setting",
        setting: "seed",
        message: `${name} takes no seed; each piece differs. Use provider fal-ai for repeatable music.`,
      });
    }
    const blob: unknown = await this.holder.call(options.signal, (client, callOptions) =>
      client.textToAudio(
        {
          model: this.modelId,
          provider: provider as "auto",
          inputs: options.prompt,
          parameters: Object.keys(parameters).length > 0 ? parameters : undefined,
        },
        callOptions,
      ),
    );
    if (!(blob instanceof Blob)) {
      throw new InvalidResponseError("hf", `${name} answered JSON instead of an audio file`);
    }
    return {
      audio: { data: new Uint8Array(await blob.arrayBuffer()), mediaType: blob.type || undefined },
      warnings,
      response: { modelId: this.modelId },
    };
  }

  private async onFal(
    options: MusicCallOptions,
    extra: Record<string, unknown>,
  ): Promise<AudioGenerateResult> {
    const seed = options.seed ?? randomInt(0, 2 ** 31);
    const parameters: Record<string, unknown> = { seed, ...extra };
    if (options.durationSeconds !== undefined) {
      parameters[this.family?.falDurationField ?? "duration"] = options.durationSeconds;
    }
    if (this.sings) {
      // ACE-Step on fal names the style `tags`.
      parameters.tags = options.prompt;
      if (options.lyrics) parameters.lyrics = options.lyrics;
    }
    const audio = await falQueuedAudio(
      this.holder,
      { model: this.modelId, inputs: options.prompt, parameters },
      { signal: options.signal, onProgress: options.onProgress, onActivity: options.onActivity },
    );
    return {
      audio: { data: audio.data, mediaType: audio.mediaType },
      warnings: [],
      response: { id: audio.requestId, modelId: this.modelId },
      seed: typeof audio.result.seed === "number" ? audio.result.seed : seed,
    };
  }
}
