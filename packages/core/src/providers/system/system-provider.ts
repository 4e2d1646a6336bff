import type { Provider } from "../../spec/index.js";
import { SystemSpeechModel } from "./system-speech-model.js";

/** Speech from what this machine has (`espeak-ng` on Linux, `say` on macOS): offline, no key. */
export function createSystem(): Provider {
  return {
    id: "system",
    speechModel: (modelId) => new SystemSpeechModel(modelId),
  };
}
