/**
 * Whether `local` can speak without a download, decided without loading @path/local: its
 * default voice's model is in the cache (the voice catalog in @path/local names the same file;
 * a test there checks the two agree), or GENAI_LOCAL_SPEECH_MODEL names a voice.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readSetting } from "../config.js";
import { modelCacheDir } from "../download/cache-dir.js";

export const localDefaultVoice = {
  id: "melo-tts-zh-en",
  /** Under the model cache; downloaded last, so the whole voice is there once it is. */
  modelFile: ["hf", "csukuangfj", "vits-melo-tts-zh_en", "model.onnx"],
} as const;

export function localVoiceReady(): boolean {
  if (readSetting("GENAI_LOCAL_SPEECH_MODEL") !== undefined) return true;
  return existsSync(join(modelCacheDir(), ...localDefaultVoice.modelFile));
}
