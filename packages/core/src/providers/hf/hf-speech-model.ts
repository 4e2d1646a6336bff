import { InvalidResponseError } from "../../errors.js";
import type {
  AudioGenerateResult,
  SpeechCallOptions,
  SpeechModel,
  Voice,
  Warning,
} from "../../spec/index.js";
import { falSpeech } from "./hf-fal.js";
import { kokoroVoices } from "./hf-kokoro-voices.js";
import type { HfClientHolder } from "./hf-provider.js";
import { explainWrongTask } from "./hf-task-error.js";

function unused(setting: string, message: string): Warning {
  return { type: "unsupported-setting", setting, message };
}

/**
 * `textToSpeech` through Inference Providers: `hf:hexgrad/Kokoro-82M` (fal-ai, with voices and
 * speed), or an hf-inference pipeline such as `hf:facebook/mms-tts-eng` (one voice). The
 * provider is `providerOptions.hf.provider`, else HF_PROVIDER, else the first the Hub lists.
 * The audio comes in the provider's own container; core says when it is not the one asked for.
 */
export class HfSpeechModel implements SpeechModel {
  readonly specVersion = "v1";
  readonly provider = "hf";
  /** Only Kokoro's voices are known; other models have one voice or list none. */
  readonly listVoices?: () => Promise<Voice[]>;

  constructor(
    readonly modelId: string,
    private readonly holder: HfClientHolder,
  ) {
    if (/^hexgrad\/Kokoro-82M$/i.test(modelId)) this.listVoices = async () => kokoroVoices();
  }

  async doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    try {
      return await this.generate(options);
    } catch (error) {
      throw explainWrongTask(error, this.modelId, "text-to-speech", "hf:hexgrad/Kokoro-82M");
    }
  }

  private async generate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    const { provider: named, ...extra } = (options.providerOptions?.hf ?? {}) as {
      provider?: string;
    } & Record<string, unknown>;
    const provider = named ?? (await this.holder.providerFor(this.modelId, options.signal));
    const warnings: Warning[] = [];
    const name = `hf:${this.modelId}`;
    if (options.instructions !== undefined) {
      warnings.push(
        unused("instructions", `${name} takes no speaking directions; they were not used.`),
      );
    }
    if (options.seed !== undefined) {
      warnings.push(unused("seed", `${name} on ${provider} takes no seed; it was not used.`));
    }
    const parameters: Record<string, unknown> = { ...extra };
    if (provider === "hf-inference") {
      if (options.voice !== undefined) {
        warnings.push(
          unused(
            "voice",
            `${name} on hf-inference speaks with the one voice it has; for voices use hf:hexgrad/Kokoro-82M.`,
          ),
        );
      }
      if (options.speed !== undefined && options.speed !== 1) {
        warnings.push(unused("speed", `${name} on hf-inference cannot change its speed.`));
      }
    } else {
      if (options.voice !== undefined) parameters.voice = options.voice;
      if (options.speed !== undefined) parameters.speed = options.speed;
    }
    const args = { model: this.modelId, inputs: options.text, parameters };
    if (provider === "fal-ai") {
      const audio = await falSpeech(this.holder, args, options.signal);
      return {
        audio: { data: audio.data, mediaType: audio.mediaType },
        warnings,
        response: { modelId: this.modelId },
      };
    }
    const blob: unknown = await this.holder.call(options.signal, (client, callOptions) =>
      client.textToSpeech(
        {
          ...args,
          provider: provider as "auto",
          parameters: Object.keys(parameters).length > 0 ? parameters : undefined,
        },
        callOptions,
      ),
    );
    if (!(blob instanceof Blob)) {
      throw new InvalidResponseError("hf", `${name} on ${provider} answered JSON instead of audio`);
    }
    return {
      audio: { data: new Uint8Array(await blob.arrayBuffer()), mediaType: blob.type || undefined },
      warnings,
      response: { modelId: this.modelId },
    };
  }
}
