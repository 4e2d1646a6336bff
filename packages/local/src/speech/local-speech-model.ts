import { AbortedError, InvalidInputError, PathError } from "@path/core";
import type {
  AudioGenerateResult,
  SpeechCallOptions,
  SpeechModel,
  Voice,
  Warning,
} from "@path/core/spec";
import { keepAlive } from "../keep-alive.js";
import { type LoadedVoice, lastLine } from "./sherpa-voice.js";
import type { VoiceFiles } from "./voice-files.js";
import { encodeWav } from "./wav-file.js";

/** What the speech model needs from its provider. */
export interface LocalVoiceHost {
  /** The voice's files (downloading a catalog voice when allowed) and the loaded engine. */
  load(
    modelId: string,
    signal: AbortSignal | undefined,
  ): Promise<{ files: VoiceFiles; voice: LoadedVoice }>;
  /** Speaker count and languages without loading the engine (nor downloading). */
  describe(modelId: string): Promise<{ speakers: number; languages: string[] }>;
}

/**
 * Speech from a sherpa-onnx VITS voice run in this process (offline once downloaded). Voices
 * are the model's speaker ids, "0" first; the answer is a mono 16-bit WAV.
 */
export class LocalSpeechModel implements SpeechModel {
  readonly specVersion = "v1";
  readonly provider = "local";

  constructor(
    readonly modelId: string,
    private readonly host: LocalVoiceHost,
  ) {}

  async doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    const stopKeepingAlive = keepAlive(options.onActivity);
    try {
      return await this.generate(options);
    } finally {
      stopKeepingAlive();
    }
  }

  private async generate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    const warnings = unsupportedSettings(options);
    const { files, voice } = await this.host.load(this.modelId, options.signal);
    const sid = speakerId(options.voice, voice.speakers, files.name);
    const generation = voice.queue.run(
      () =>
        voice.tts
          .generateAsync({
            text: options.text,
            sid,
            speed: options.speed ?? 1,
            onProgress: (info) => {
              options.onProgress?.({ fraction: info.progress });
              return 1;
            },
          })
          .catch((error: Error) => {
            throw /no audio/i.test(error.message)
              ? new InvalidInputError(
                  `local:${files.name} found nothing it can say in the text: none of its characters are in the voice's vocabulary.`,
                )
              : new PathError(
                  "engine-failed",
                  `sherpa-onnx failed to speak with ${files.name}: ${lastLine(error.message)}.`,
                );
          }),
      options.signal,
      () => new AbortedError(),
    );
    // sherpa-onnx cannot stop a generation midway; an abort answers at once and the audio is dropped.
    const audio = await generation;
    return {
      audio: { data: encodeWav(audio.samples, audio.sampleRate), mediaType: "audio/wav" },
      warnings,
      response: { modelId: files.name },
    };
  }

  async listVoices(): Promise<Voice[]> {
    const { speakers, languages } = await this.host.describe(this.modelId);
    return Array.from({ length: speakers }, (_, index) => ({ id: String(index), languages }));
  }
}

function speakerId(voice: string | undefined, speakers: number, name: string): number {
  if (voice === undefined || voice.trim() === "" || voice === "default") return 0;
  const id = Number(voice.trim());
  if (Number.isInteger(id) && id >= 0 && id < speakers) return id;
  throw new InvalidInputError(
    `local:${name} has no voice "${voice}": its voices are speaker ids ${speakers === 1 ? '"0" only' : `"0" to "${speakers - 1}"`}.`,
  );
}

function unsupportedSettings(options: SpeechCallOptions): Warning[] {
  const warnings: Warning[] = [];
  const warn = (setting: string, message: string) =>
    warnings.push({ type: "unsupported-setting", setting, message });
  if (options.format && options.format !== "wav" && options.format !== "wave") {
    warn(
      "format",
      `local speech writes WAV only; you get WAV, not ${options.format} (convert it with ffmpeg).`,
    );
  }
  if (options.instructions)
    warn("instructions", "local voices take no directions; instructions were ignored.");
  if (options.seed !== undefined)
    warn("seed", "local voices take no seed; each reading varies a little.");
  return warnings;
}
