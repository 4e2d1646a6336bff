/**
 * sherpa-onnx's offline TTS, loaded once per voice and process. Loading and generating run on
 * sherpa-onnx's worker threads (`createAsync`, `generateAsync`), so the event loop stays free;
 * one generation at a time per voice.
 */
import { createRequire } from "node:module";
import { ModelFileError, PathError } from "@path/core";
import { SerialQueue } from "../serial-queue.js";
import { readOnnxMetadata } from "./onnx-metadata.js";
import type { VoiceFiles } from "./voice-files.js";
import { checkMeloLexicon, checkTokensFile } from "./voice-text-files.js";

/** The part of sherpa-onnx-node used here. */
interface OfflineTts {
  readonly sampleRate: number;
  readonly numSpeakers: number;
  generateAsync(request: {
    text: string;
    sid: number;
    speed: number;
    onProgress?: (info: { samples: Float32Array; progress: number }) => number;
  }): Promise<{ samples: Float32Array; sampleRate: number }>;
}

interface SherpaOnnx {
  OfflineTts: { createAsync(config: object): Promise<OfflineTts> };
}

export interface LoadedVoice {
  tts: OfflineTts;
  sampleRate: number;
  /** Speaker ids run from 0 to speakers - 1. */
  speakers: number;
  metadata: Record<string, string>;
  queue: SerialQueue;
}

const pool = new Map<string, Promise<LoadedVoice>>();

export function loadVoice(files: VoiceFiles, threads: number): Promise<LoadedVoice> {
  const key = `${files.model}\n${threads}`;
  let entry = pool.get(key);
  if (!entry) {
    entry = load(files, threads);
    pool.set(key, entry);
    entry.catch(() => pool.delete(key));
  }
  return entry;
}

/** Forgets every loaded voice; sherpa-onnx frees each when it is garbage-collected. */
export function disposeLocalVoices(): void {
  pool.clear();
}

async function load(files: VoiceFiles, threads: number): Promise<LoadedVoice> {
  const metadata = await checkVoice(files);
  const sherpa = loadSherpaOnnx();
  const tts = await sherpa.OfflineTts.createAsync({
    model: {
      vits: { model: files.model, tokens: files.tokens, lexicon: files.lexicon ?? "" },
      numThreads: threads,
      provider: "cpu",
      debug: false,
    },
    ruleFsts: files.ruleFsts.join(","),
    maxNumSentences: 1,
  }).catch((error: Error) => {
    throw new ModelFileError(
      files.model,
      "load-failed",
      `sherpa-onnx could not load the voice ${files.name}: ${lastLine(error.message)}. Download it again (npm run local -- rm, then pull) or check the voice folder's files.`,
      error,
    );
  });
  return {
    tts,
    sampleRate: tts.sampleRate,
    speakers: Math.max(1, tts.numSpeakers),
    metadata,
    queue: new SerialQueue(),
  };
}

function loadSherpaOnnx(): SherpaOnnx {
  try {
    return createRequire(import.meta.url)("sherpa-onnx-node") as SherpaOnnx;
  } catch (error) {
    const platform = `${process.platform === "win32" ? "win" : process.platform}-${process.arch}`;
    throw new PathError(
      "provider-not-installed",
      `Local speech needs sherpa-onnx's native addon for ${platform} (the package sherpa-onnx-${platform}), and it is not installed: reinstall with optional dependencies, or use system speech (espeak-ng, say) or a cloud provider.`,
      { cause: error },
    );
  }
}

/**
 * What sherpa-onnx's VITS loader reads without a default (it ends the process when one is
 * missing), the frontend it needs (characters, or a lexicon), and the text files it parses.
 */
export async function checkVoice(files: VoiceFiles): Promise<Record<string, string>> {
  const metadata = await readOnnxMetadata(files.model);
  const missing = ["sample_rate", "n_speakers", "language", "comment"].filter(
    (key) => metadata[key] === undefined,
  );
  const refuse = (why: string) =>
    new ModelFileError(
      files.model,
      "load-failed",
      `${files.name} is not a voice the local provider can run: ${why}. It runs sherpa-onnx VITS voices (MeloTTS, VITS with a lexicon or a characters frontend), e.g. local:melo-tts-zh-en.`,
    );
  if (missing.length > 0) throw refuse(`its ONNX metadata lacks ${missing.join(", ")}`);
  const comment = metadata.comment ?? "";
  if (/melo/.test(comment) && Number(metadata.version ?? 0) < 2) {
    throw refuse("it is a MeloTTS export older than version 2");
  }
  if (!metadata.language?.trim()) throw refuse("its ONNX metadata names no language");
  const characters = metadata.frontend === "characters";
  if (!characters && !files.lexicon) {
    throw refuse("it needs a lexicon.txt beside its model, and there is none");
  }
  await checkTokensFile(files.tokens, characters);
  if (/melo/.test(comment) && files.lexicon) await checkMeloLexicon(files.lexicon);
  return metadata;
}

/** sherpa-onnx's messages can span lines (a C++ location, then the reason); the reason is last. */
export function lastLine(message: string): string {
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? message).replace(/\.$/, "");
}
