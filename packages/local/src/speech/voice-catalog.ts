/**
 * Voices the local provider can download by name. Each is a sherpa-onnx VITS voice in a
 * Hugging Face repository; every file is verified against the size and SHA-256 the hub
 * publishes (Git LFS files) when it is downloaded.
 */
export interface CatalogVoice {
  /** What to write after `local:`, e.g. `local:melo-tts-zh-en`. */
  id: string;
  /** Hugging Face repository. */
  repo: string;
  /** The ONNX model, downloaded last: once it is on disk, the voice is complete. */
  model: string;
  tokens: string;
  lexicon?: string;
  /** Text-normalisation rules (numbers, dates, phone numbers) sherpa-onnx applies first. */
  ruleFsts: string[];
  /** Speakers (voice ids "0", "1", …). */
  speakers: number;
  languages: string[];
  /** Approximate size in bytes, for display and the disk-space check. */
  bytes: number;
  licence: string;
  description: string;
}

export const voiceCatalog: readonly CatalogVoice[] = [
  {
    id: "melo-tts-zh-en",
    repo: "csukuangfj/vits-melo-tts-zh_en",
    model: "model.onnx",
    tokens: "tokens.txt",
    lexicon: "lexicon.txt",
    ruleFsts: ["phone.fst", "date.fst", "number.fst"],
    speakers: 1,
    languages: ["zh", "en"],
    bytes: 170_000_000,
    licence: "MIT",
    description:
      "Default voice: MeloTTS Chinese + English (one speaker), reads mixed 中文 and English text; faster than real time on a laptop CPU.",
  },
];

/** The voice `local:default` speaks with when GENAI_LOCAL_SPEECH_MODEL is not set. */
export const defaultVoiceId = "melo-tts-zh-en";

export function findCatalogVoice(id: string): CatalogVoice | undefined {
  return voiceCatalog.find((voice) => voice.id === id.trim().toLowerCase());
}

/** The files of a catalog voice, small ones first and the model last. */
export function catalogVoiceFiles(voice: CatalogVoice): string[] {
  return [voice.tokens, ...(voice.lexicon ? [voice.lexicon] : []), ...voice.ruleFsts, voice.model];
}
