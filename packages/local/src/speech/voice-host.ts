import type { ModelFilesSettings } from "../model-files.js";
import type { LocalVoiceHost } from "./local-speech-model.js";
import { checkVoice, loadVoice } from "./sherpa-voice.js";
import { findCatalogVoice } from "./voice-catalog.js";
import { resolveVoiceFiles } from "./voice-files.js";

/** Voices for the provider's speech models: found or downloaded, then loaded once. */
export function createVoiceHost(files: () => ModelFilesSettings, threads: number): LocalVoiceHost {
  return {
    load: async (modelId, signal) => {
      const voiceFiles = await resolveVoiceFiles(modelId, files(), { signal });
      return { files: voiceFiles, voice: await loadVoice(voiceFiles, threads) };
    },
    describe: async (modelId) => {
      const catalogVoice = findCatalogVoice(modelId);
      if (catalogVoice) return catalogVoice;
      const voiceFiles = await resolveVoiceFiles(modelId, { ...files(), allowDownload: false });
      const metadata = await checkVoice(voiceFiles);
      return {
        speakers: Math.max(1, Number(metadata.n_speakers) || 1),
        languages: metadata.language ? [metadata.language] : [],
      };
    },
  };
}
