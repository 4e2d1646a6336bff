import { readSetting } from "../../config.js";
import { providerFetch } from "../../proxy-fetch.js";
import { registerSecret } from "../../redact.js";
import type { Provider } from "../../spec/index.js";
import { GradioImageModel } from "./gradio-image-model.js";
import { GradioMusicModel } from "./gradio-music-model.js";
import { GradioSession } from "./gradio-session.js";
import { GradioSpeechModel } from "./gradio-speech-model.js";
import { GradioVideoModel } from "./gradio-video-model.js";

export type { GradioOptions } from "./gradio-image-model.js";

export interface GradioSettings {
  /** For private Spaces and a bigger quota; defaults to `HF_TOKEN`. Sent only to Spaces. */
  token?: string;
  /** The Hub that resolves `owner/space`; defaults to `HF_ENDPOINT`, then https://huggingface.co. */
  hubURL?: string;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

export interface GradioProvider extends Provider {
  /**
   * `owner/space` or an app URL, optionally with the endpoint after `#`:
   * `"black-forest-labs/FLUX.1-schnell"`, `"http://127.0.0.1:7860#/generate"`.
   */
  imageModel(modelId: string): GradioImageModel;
  /** The same references, for a music app (ACE-Step, MusicGen). */
  musicModel(modelId: string): GradioMusicModel;
  /** The same references, for a TTS or voice-cloning app (F5-TTS, CosyVoice). */
  speechModel(modelId: string): GradioSpeechModel;
  /** The same references, for a text- or image-to-video app; its jobs live in this process only. */
  videoModel(modelId: string): GradioVideoModel;
}

/** Any Gradio app through `@gradio/client`: public Spaces need no key. */
export function createGradio(settings: GradioSettings = {}): GradioProvider {
  const sessions = new Map<string, GradioSession>();
  const sessionFor = (reference: string) => {
    let session = sessions.get(reference);
    if (!session) {
      const token = settings.token ?? readSetting("HF_TOKEN");
      if (token) registerSecret(token);
      session = new GradioSession(reference, {
        token,
        hubURL: (settings.hubURL ?? readSetting("HF_ENDPOINT") ?? "https://huggingface.co").replace(
          /\/+$/,
          "",
        ),
        headers: { ...settings.headers },
        fetch: providerFetch(settings.fetch),
      });
      sessions.set(reference, session);
    }
    return session;
  };
  /** `"app#/endpoint"` → the app's session and the endpoint, when one is named. */
  const split = (modelId: string) => {
    const hash = modelId.indexOf("#");
    const reference = (hash === -1 ? modelId : modelId.slice(0, hash)).trim();
    const endpoint = hash === -1 ? undefined : modelId.slice(hash + 1).trim() || undefined;
    return [sessionFor(reference), endpoint] as const;
  };
  return {
    id: "gradio",
    imageModel: (modelId) => new GradioImageModel(modelId, ...split(modelId)),
    musicModel: (modelId) => new GradioMusicModel(modelId, ...split(modelId)),
    speechModel: (modelId) => new GradioSpeechModel(modelId, ...split(modelId)),
    videoModel: (modelId) => new GradioVideoModel(modelId, ...split(modelId)),
  };
}
