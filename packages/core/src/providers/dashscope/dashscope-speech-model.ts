/**
 * DashScope (Alibaba Model Studio) speech over its native HTTP API: Qwen-TTS models
 * (`qwen:qwen3-tts-flash`) and CosyVoice / Qwen-Audio-TTS models (`qwen:cosyvoice-v3-flash`).
 * Both answer with a URL to the audio on another host (valid 24 h), fetched here at once.
 */
import { InvalidInputError, InvalidResponseError } from "../../errors.js";
import type {
  AudioGenerateResult,
  SpeechCallOptions,
  SpeechModel,
  Voice,
  Warning,
} from "../../spec/index.js";
import { readBytes, readJson, type ServerConnection, serverFetch } from "../server-http.js";

export interface DashScopeConnection {
  /** The native API base, ending in `/api/v1`. */
  baseURL: string;
  apiKey: () => string;
  server: ServerConnection;
}

interface Family {
  path: string;
  defaultVoice: string;
  voices: Voice[];
  /** Characters one call takes (Qwen3-TTS: 600; CosyVoice counts a CJK character as 2). */
  maxTextLength: number;
}

const qwenTts: Family = {
  path: "/services/aigc/multimodal-generation/generation",
  defaultVoice: "Cherry",
  voices: [
    { id: "Cherry", gender: "female", languages: ["zh", "en"] },
    { id: "Serena", gender: "female", languages: ["zh", "en"] },
    { id: "Ethan", gender: "male", languages: ["zh", "en"] },
    { id: "Chelsie", gender: "female", languages: ["zh", "en"] },
  ],
  maxTextLength: 600,
};

const cosyVoice: Family = {
  path: "/services/audio/tts/SpeechSynthesizer",
  defaultVoice: "longanyang",
  voices: [
    { id: "longanyang", languages: ["zh", "en"] },
    { id: "longxiaochun_v2", gender: "female", languages: ["zh", "en"] },
    { id: "longhua_v2", gender: "female", languages: ["zh"] },
  ],
  // Counted as if every character were CJK (2 each) to stay under the service's limit.
  maxTextLength: 1000,
};

const cosyFormats = new Set(["mp3", "wav", "opus"]);

export class DashScopeSpeechModel implements SpeechModel {
  readonly specVersion = "v1";
  readonly provider = "qwen";
  private readonly family: Family;

  constructor(
    readonly modelId: string,
    private readonly connection: DashScopeConnection,
  ) {
    this.family = /^(cosyvoice|qwen-audio)/.test(modelId) ? cosyVoice : qwenTts;
  }

  get maxTextLength(): number {
    return this.family.maxTextLength;
  }

  async listVoices(): Promise<Voice[]> {
    return this.family.voices;
  }

  async doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    const warnings: Warning[] = [];
    const name = `qwen:${this.modelId}`;
    const voice = options.voice ?? this.family.defaultVoice;
    const input: Record<string, unknown> = { text: options.text, voice };
    const extra = options.providerOptions?.qwen ?? {};
    if (this.family === cosyVoice) {
      const format = options.format && cosyFormats.has(options.format) ? options.format : "wav";
      Object.assign(input, { format, sample_rate: 24000 });
      if (options.speed !== undefined) input.rate = options.speed;
      if (options.seed !== undefined) input.seed = options.seed;
      if (options.instructions !== undefined) input.instruction = options.instructions;
    } else {
      if (options.instructions !== undefined) {
        if (this.modelId.includes("instruct")) input.instructions = options.instructions;
        else
          warnings.push(
            unused(
              "instructions",
              `${name} takes no directions; use qwen:qwen3-tts-instruct-flash.`,
            ),
          );
      }
      if (options.speed !== undefined && options.speed !== 1) {
        warnings.push(
          unused(
            "speed",
            `${name} speaks at one speed; CosyVoice models (qwen:cosyvoice-v3-flash) take one.`,
          ),
        );
      }
      if (options.seed !== undefined) warnings.push(unused("seed", `${name} takes no seed.`));
    }
    const { server, baseURL } = this.connection;
    const response = await serverFetch(server, `${baseURL}${this.family.path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.connection.apiKey()}`,
        "content-type": "application/json",
        ...options.headers,
      },
      body: JSON.stringify({ model: this.modelId, input: { ...input, ...extra } }),
      signal: options.signal,
    }).catch((error: unknown) => {
      throw unknownVoice(error, voice, this.family, name) ?? error;
    });
    const body = await readJson<{
      request_id?: string;
      output?: { audio?: { url?: string; data?: string } };
    }>(server, response);
    const audio = body.output?.audio;
    let data: Uint8Array;
    if (audio?.data) data = Buffer.from(audio.data, "base64");
    else if (audio?.url)
      data = await readBytes(
        server,
        await serverFetch(server, audio.url, { signal: options.signal }),
      );
    else
      throw new InvalidResponseError(
        "qwen",
        `${name} answered with no audio (request ${body.request_id ?? "?"}).`,
      );
    return { audio: { data }, warnings, response: { id: body.request_id, modelId: this.modelId } };
  }
}

function unused(setting: string, message: string): Warning {
  return { type: "unsupported-setting", setting, message };
}

/** DashScope refuses an unknown voice with a 400; say which voices there are. */
function unknownVoice(error: unknown, voice: string, family: Family, name: string) {
  const status = (error as { status?: number }).status;
  if (status !== 400 || !/voice/i.test((error as Error).message)) return undefined;
  if (family.voices.some((known) => known.id === voice)) return undefined;
  const some = family.voices.map((known) => known.id).join(", ");
  return new InvalidInputError(
    `${name} has no voice "${voice}"; it has ${some} (and voices you cloned).`,
  );
}
