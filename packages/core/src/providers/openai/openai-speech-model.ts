import type { SpeechCreateParams } from "openai/resources/audio/speech";
import { InvalidInputError } from "../../errors.js";
import type {
  AudioGenerateResult,
  SpeechCallOptions,
  SpeechModel,
  Warning,
} from "../../spec/index.js";
import type { OpenAIClientHolder } from "./openai-provider.js";

/** The containers `audio.speech` can answer in (`pcm` aside: headerless, so it cannot be checked). */
const formats = ["wav", "mp3", "opus", "aac", "flac"] as const;

/**
 * `audio.speech.create`: the answer is the raw audio file. WAV is asked for unless the caller
 * names another format, because it decodes exactly everywhere. `instructions` (gpt-4o-mini-tts)
 * and any other wire field go in `providerOptions.openai`.
 */
/** How a vendor's OpenAI-shaped `/audio/speech` differs from OpenAI's. */
interface VendorSpeech {
  maxTextLength: number;
  voice(modelId: string, voice: string | undefined): string;
  extraBody?: Record<string, unknown>;
}

const vendorSpeech: Record<string, VendorSpeech> = {
  openai: { maxTextLength: 4096, voice: (_modelId, voice) => voice ?? "alloy" },
  // Voices are "<model>:<name>" (alex, anna, …); a bare name gets the model put in front.
  // `stream` defaults to true there; one whole file is what core decodes.
  siliconflow: {
    maxTextLength: 128_000,
    voice: (modelId, voice) => (voice?.includes(":") ? voice : `${modelId}:${voice ?? "alex"}`),
    extraBody: { stream: false },
  },
};

export class OpenAISpeechModel implements SpeechModel {
  readonly specVersion = "v1";
  readonly provider: string;
  /** The vendor's limit on `input`; core reads longer text in parts. */
  readonly maxTextLength: number;
  private readonly vendor: VendorSpeech;

  constructor(
    readonly modelId: string,
    private readonly holder: OpenAIClientHolder,
  ) {
    this.provider = holder.preset.id;
    this.vendor = vendorSpeech[this.provider] ?? vendorSpeech.openai!;
    this.maxTextLength = this.vendor.maxTextLength;
  }

  async doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    const warnings: Warning[] = [];
    const name = `${this.provider}:${this.modelId}`;
    // Only the gpt-4o TTS models take directions; tts-1 and other vendors' models do not.
    const directed = options.instructions !== undefined && this.modelId.startsWith("gpt-");
    if (options.instructions !== undefined && !directed) {
      warnings.push(unused("instructions", `${name} takes no directions; gpt-4o-mini-tts does.`));
    }
    if (options.seed !== undefined) warnings.push(unused("seed", `${name} takes no seed.`));
    const body = {
      model: this.modelId,
      input: options.text,
      voice: this.vendor.voice(this.modelId, options.voice),
      response_format: this.format(options.format, warnings),
      ...(options.speed === undefined ? {} : { speed: options.speed }),
      ...(directed ? { instructions: options.instructions } : {}),
      ...this.vendor.extraBody,
      ...options.providerOptions?.[this.provider],
    } as SpeechCreateParams;
    const client = await this.holder.get();
    const response = await client.audio.speech.create(body, {
      signal: options.signal,
      headers: options.headers,
    });
    const data = new Uint8Array(await response.arrayBuffer());
    return {
      audio: { data, mediaType: response.headers.get("content-type") ?? undefined },
      warnings,
      response: {
        id: response.headers.get("x-request-id") ?? undefined,
        modelId: this.modelId,
      },
    };
  }

  private format(format: string | undefined, warnings: Warning[]): string {
    if (format === undefined) return "wav";
    if (format === "pcm") {
      warnings.push({
        type: "unsupported-setting",
        setting: "format",
        message: "pcm has no header to check or play; you get the same samples as WAV.",
      });
      return "wav";
    }
    if ((formats as readonly string[]).includes(format)) return format;
    throw new InvalidInputError(
      `${this.provider}:${this.modelId} cannot make ${format} audio; choose ${formats.join(", ")}.`,
    );
  }
}

function unused(setting: string, message: string): Warning {
  return { type: "unsupported-setting", setting, message };
}
