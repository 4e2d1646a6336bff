/**
 * The providers core knows out of the box, in the order a default is chosen when no model is
 * named. Each entry is data plus a lazy `load`: no client library is imported until used.
 */
import { readSetting } from "../config.js";
import { PathError } from "../errors.js";
import type { ProviderEntry } from "../registry.js";
import type { Job, Provider } from "../spec/index.js";
import { localDefaultVoice, localVoiceReady } from "./local-voice.js";
import { type OpenAICompatiblePreset, openAICompatiblePresets } from "./openai/presets.js";
import { findCommand } from "./system/find-command.js";
import { defaultSpeechEngine, installHint } from "./system/speech-engine.js";

/** Text for every preset; embeddings, images, speech and video only where the vendor serves them. */
function jobsOf(preset: OpenAICompatiblePreset): Job[] {
  const jobs: Job[] = ["text"];
  if (preset.defaultModels.embed || preset.id === "compat") jobs.push("embed");
  if (preset.id === "openai" || preset.id === "compat") jobs.push("image");
  if (preset.defaultModels.speech) jobs.push("speech");
  if (preset.defaultModels.video) jobs.push("video");
  return jobs;
}

const openAICompatible: ProviderEntry[] = openAICompatiblePresets.map((preset) => ({
  id: preset.id,
  jobs: jobsOf(preset),
  defaultModels: preset.defaultModels,
  isConfigured: () =>
    readSetting(preset.keyOptional ? preset.baseURLVariable : preset.apiKeyVariable) !== undefined,
  variables: { keys: [preset.apiKeyVariable], url: preset.baseURLVariable },
  setup: preset.keyOptional
    ? `set ${preset.baseURLVariable} to any OpenAI-compatible server (vLLM, LM Studio, a gateway) and name the model, e.g. ${preset.id}:my-model`
    : `set ${preset.apiKeyVariable} (get a key at ${preset.keyUrl})`,
  load: async () => {
    const { createOpenAICompatible } = await import("./openai/openai-provider.js");
    const provider = createOpenAICompatible(preset);
    if (preset.id !== "qwen") return provider;
    // DashScope serves speech and video on its native API, not the OpenAI-compatible one.
    const { dashScopeSpeechModel, dashScopeVideoModel } = await import(
      "./dashscope/dashscope-provider.js"
    );
    return {
      ...provider,
      speechModel: (modelId: string) => dashScopeSpeechModel(modelId),
      videoModel: (modelId: string) => dashScopeVideoModel(modelId),
    };
  },
}));

const huggingFace: ProviderEntry = {
  id: "hf",
  jobs: ["text", "embed", "image", "speech", "music", "video"],
  defaultModels: {
    text: "Qwen/Qwen2.5-7B-Instruct",
    embed: "BAAI/bge-m3",
    image: "black-forest-labs/FLUX.1-schnell",
    speech: "hexgrad/Kokoro-82M",
    music: "facebook/musicgen-small",
    video: "Wan-AI/Wan2.2-T2V-A14B",
  },
  isConfigured: () => readSetting("HF_TOKEN") !== undefined,
  variables: { keys: ["HF_TOKEN"], url: "HF_ENDPOINT" },
  setup: "set HF_TOKEN (get a token at https://huggingface.co/settings/tokens)",
  load: async () => (await import("./hf/hf-provider.js")).createHuggingFace(),
};

const ollama: ProviderEntry = {
  id: "ollama",
  jobs: ["text", "embed"],
  defaultModels: { text: "qwen2.5:0.5b", embed: "nomic-embed-text" },
  isConfigured: () => readSetting("OLLAMA_HOST") !== undefined,
  variables: { url: "OLLAMA_HOST" },
  setup:
    "install Ollama (https://ollama.com), run `ollama pull qwen2.5:0.5b`, then set OLLAMA_HOST=127.0.0.1:11434",
  load: async () => (await import("./ollama/ollama-provider.js")).createOllama(),
};

const a1111: ProviderEntry = {
  id: "a1111",
  jobs: ["image"],
  defaultModels: { image: "default" },
  isConfigured: () => readSetting("A1111_URL") !== undefined,
  variables: { url: "A1111_URL" },
  setup:
    "start AUTOMATIC1111 / Forge WebUI with the API on (./webui.sh --api), then set A1111_URL=http://127.0.0.1:7860",
  load: async () => (await import("./a1111/a1111-provider.js")).createA1111(),
};

const comfyui: ProviderEntry = {
  id: "comfyui",
  jobs: ["image", "video"],
  defaultModels: { image: "default", video: "wan2.2-t2v" },
  isConfigured: () => readSetting("COMFYUI_URL") !== undefined,
  variables: { url: "COMFYUI_URL" },
  setup:
    "start ComfyUI locally (python main.py, or the desktop app) with a checkpoint in models/checkpoints, then set COMFYUI_URL=http://127.0.0.1:8188",
  load: async () => (await import("./comfyui/comfyui-provider.js")).createComfyUI(),
};

/** Never chosen by default (it needs no key, so it cannot tell it was meant); name it. */
const gradio: ProviderEntry = {
  id: "gradio",
  jobs: ["image", "speech", "music", "video"],
  defaultModels: {
    image: "black-forest-labs/FLUX.1-schnell",
    speech: "mrfakename/E2-F5-TTS",
    music: "ACE-Step/ACE-Step",
    video: "Wan-AI/Wan2.2-5B",
  },
  isConfigured: () => false,
  setup:
    'name a Space or a Gradio app URL, e.g. "gradio:black-forest-labs/FLUX.1-schnell" or "gradio:http://127.0.0.1:7860" (public Spaces need no key; HF_TOKEN for private ones)',
  load: async () => (await import("./gradio/gradio-provider.js")).createGradio(),
};

/** Offline speech through the machine's own engine; the speech fallback when one is installed. */
const system: ProviderEntry = {
  id: "system",
  jobs: ["speech"],
  defaultModels: { speech: "default" },
  isConfigured: () => false,
  fallback: true,
  // The embedded voice (local) reads instead once it is downloaded.
  isAvailable: () => !localVoiceReady() && findCommand(defaultSpeechEngine()) !== undefined,
  fallbackNotice: `no provider is configured for speech, so ${defaultSpeechEngine()} on this machine reads the text (offline, robotic); for a natural offline voice run \`npm run local -- pull ${localDefaultVoice.id}\` once, or set OPENAI_API_KEY or name a model to use another.`,
  setup: `offline speech with the machine's engine: ${installHint}`,
  load: async () => (await import("./system/system-provider.js")).createSystem(),
};

/** The embedded provider lives in its own package so its native code never loads with core. */
const local: ProviderEntry = {
  id: "local",
  jobs: ["text", "embed", "speech"],
  defaultModels: { text: "default", embed: "default", speech: "default" },
  isConfigured: () => readSetting("GENAI_LOCAL_MODEL") !== undefined,
  fallback: true,
  // Speech by default only once a voice is downloaded (`npm run local -- pull melo-tts-zh-en`).
  isAvailable: (job) => job !== "speech" || localVoiceReady(),
  setup:
    "the @path/local package runs a small open model in-process (downloaded once, or the .gguf file GENAI_LOCAL_MODEL names); it comes with this repository, and elsewhere installs from packed tarballs, as it is not on the npm registry yet; for speech, download its voice once with `npm run local -- pull melo-tts-zh-en`",
  load: async () => {
    const specifier = "@path/local";
    try {
      const module = (await import(specifier)) as { createLocalProvider(): Provider };
      return module.createLocalProvider();
    } catch (error) {
      // Only @path/local itself missing; a dependency of it missing is a broken install.
      const missing = error as NodeJS.ErrnoException;
      if (missing.code === "ERR_MODULE_NOT_FOUND" && missing.message.includes(`'${specifier}'`)) {
        throw new PathError(
          "provider-not-installed",
          "The embedded provider (@path/local) is not installed, and it is not on the npm registry yet: in a clone of the GenAI Path repository run `npm run build` and `npm pack -w @path/local -w @path/kit-cli`, then `npm install` the two tarballs in your project, or configure a cloud provider (e.g. OPENAI_API_KEY).",
          { cause: error },
        );
      }
      throw error;
    }
  },
};

/** Speech (with voice cloning), music and Hailuo video over MiniMax's HTTP API; last, so other keys keep their defaults. */
const miniMax: ProviderEntry = {
  id: "minimax",
  jobs: ["speech", "music", "video"],
  defaultModels: { speech: "speech-02-hd", music: "music-2.6", video: "MiniMax-Hailuo-02" },
  isConfigured: () => readSetting("MINIMAX_API_KEY") !== undefined,
  variables: { keys: ["MINIMAX_API_KEY"], url: "MINIMAX_BASE_URL" },
  setup:
    "set MINIMAX_API_KEY (get a key at https://platform.minimax.io; for a 中国大陆 key from https://platform.minimaxi.com also set MINIMAX_BASE_URL=https://api.minimaxi.com)",
  load: async () => (await import("./minimax/minimax-provider.js")).createMiniMax(),
};

/** Speech, instant voice cloning and music; after MiniMax, so earlier defaults stay as they were. */
const elevenLabs: ProviderEntry = {
  id: "elevenlabs",
  jobs: ["speech", "music"],
  defaultModels: { speech: "eleven_multilingual_v2", music: "music_v1" },
  isConfigured: () => readSetting("ELEVENLABS_API_KEY") !== undefined,
  variables: { keys: ["ELEVENLABS_API_KEY"], url: "ELEVENLABS_BASE_URL" },
  setup: "set ELEVENLABS_API_KEY (get a key at https://elevenlabs.io/app/settings/api-keys)",
  load: async () => (await import("./elevenlabs/elevenlabs-provider.js")).createElevenLabs(),
};

/** Text- and image-to-video with an access key and a secret key (the token is signed from both). */
const kling: ProviderEntry = {
  id: "kling",
  jobs: ["video"],
  // kling-v2-1 is image-to-video only; v2.5 turbo does both.
  defaultModels: { video: "kling-v2-5-turbo" },
  isConfigured: () =>
    readSetting("KLING_ACCESS_KEY") !== undefined && readSetting("KLING_SECRET_KEY") !== undefined,
  variables: { keys: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"], url: "KLING_BASE_URL" },
  setup:
    "set KLING_ACCESS_KEY and KLING_SECRET_KEY (create them at https://app.klingai.com/global/dev); a 中国大陆 account also sets KLING_BASE_URL=https://api-beijing.klingai.com",
  load: async () => (await import("./kling/kling-provider.js")).createKling(),
};

/** Image-to-video and text-to-video tasks on Runway's API (gen4_turbo, gen4.5, veo3.1). */
const runway: ProviderEntry = {
  id: "runway",
  jobs: ["video"],
  defaultModels: { video: "gen4_turbo" },
  isConfigured: () => readSetting("RUNWAYML_API_SECRET") !== undefined,
  variables: { keys: ["RUNWAYML_API_SECRET"], url: "RUNWAYML_BASE_URL" },
  setup:
    "set RUNWAYML_API_SECRET (get a key at https://dev.runwayml.com/; the API bills prepaid credits, $0.01 each)",
  load: async () => (await import("./runway/runway-provider.js")).createRunway(),
};

export const builtinProviders: ProviderEntry[] = [
  ...openAICompatible,
  huggingFace,
  ollama,
  a1111,
  comfyui,
  gradio,
  system,
  local,
  miniMax,
  elevenLabs,
  kling,
  runway,
];
