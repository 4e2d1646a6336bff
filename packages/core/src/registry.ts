/**
 * The `"provider:modelId"` registry. Entries are light descriptions; a provider's client
 * library is imported only when one of its models is first used.
 */

import { closestMatch } from "./closest-match.js";
import { readSetting } from "./config.js";
import {
  InvalidInputError,
  NoProviderError,
  UnknownProviderError,
  UnsupportedJobError,
} from "./errors.js";
import { emitEvent, newCallId } from "./events.js";
import { builtinProviders } from "./providers/builtin-providers.js";
import type {
  EmbeddingModel,
  ImageModel,
  Job,
  MusicModel,
  Provider,
  SpeechModel,
  TextModel,
  VideoModel,
} from "./spec/index.js";

export interface ProviderEntry {
  /** The id users write before the colon. */
  id: string;
  /** The jobs it serves, so the registry can answer without loading the provider. */
  jobs: Job[];
  /** The model used for a job when only the provider is known. */
  defaultModels: Partial<Record<Job, string>>;
  /** True when this provider's key or host is set, so it may serve as the default. */
  isConfigured(): boolean;
  /** One line saying how to configure it, shown when nothing is configured. */
  setup: string;
  /** The settings it reads: its key(s) and the URL of its server, for `npm run doctor`. */
  variables?: { keys?: string[]; url?: string };
  /** Only a fallback: chosen when nothing else is configured (the embedded `local` provider). */
  fallback?: boolean;
  /** For a fallback: false when it cannot run a job on this machine (its engine or model is not there). */
  isAvailable?(job: Job): boolean;
  /** For a fallback: the notice shown once when it is chosen, instead of the embedded-model one. */
  fallbackNotice?: string;
  /** Creates the provider; may import its client library. Called at most once. */
  load(): Provider | Promise<Provider>;
}

export interface ModelForJob {
  text: TextModel;
  embed: EmbeddingModel;
  image: ImageModel;
  speech: SpeechModel;
  music: MusicModel;
  video: VideoModel;
}

const factoryName = {
  text: "textModel",
  embed: "embeddingModel",
  image: "imageModel",
  speech: "speechModel",
  music: "musicModel",
  video: "videoModel",
} as const satisfies Record<Job, keyof Provider>;

/** Env variables naming the default model per job. */
export const defaultModelVariables: Record<Job, string> = {
  text: "GENAI_TEXT_MODEL",
  embed: "GENAI_EMBED_MODEL",
  image: "GENAI_IMAGE_MODEL",
  speech: "GENAI_SPEECH_MODEL",
  music: "GENAI_MUSIC_MODEL",
  video: "GENAI_VIDEO_MODEL",
};

const entries = new Map<string, ProviderEntry>(builtinProviders.map((entry) => [entry.id, entry]));
const loaded = new Map<string, Promise<Provider>>();

/** Add (or replace) a provider. Registration order is the order defaults are chosen in. */
export function registerProvider(entry: ProviderEntry): void {
  entries.set(entry.id, entry);
  loaded.delete(entry.id);
}

export function providerEntries(): ProviderEntry[] {
  return [...entries.values()];
}

export function getProviderEntry(id: string): ProviderEntry {
  const entry = entries.get(id);
  if (entry) return entry;
  const known = [...entries.keys()];
  throw new UnknownProviderError(id, known, closestMatch(id, known));
}

async function loadProvider(entry: ProviderEntry): Promise<Provider> {
  let provider = loaded.get(entry.id);
  if (!provider) {
    provider = Promise.resolve().then(() => entry.load());
    loaded.set(entry.id, provider);
    provider.catch(() => loaded.delete(entry.id));
  }
  return provider;
}

/** Split `"ollama:qwen2.5:0.5b"` at the first colon into provider and model id. */
export function parseModelString(model: string): { provider: string; modelId: string | undefined } {
  const trimmed = model.trim();
  const colon = trimmed.indexOf(":");
  if (colon === -1) return { provider: trimmed, modelId: undefined };
  const modelId = trimmed.slice(colon + 1).trim();
  return {
    provider: trimmed.slice(0, colon).trim(),
    modelId: modelId === "" ? undefined : modelId,
  };
}

/**
 * The model a call should use: the one named, else `GENAI_<JOB>_MODEL`, else the first
 * configured provider's default, else a fallback provider (local), else a clear error.
 */
export async function resolveModel<J extends Job>(
  job: J,
  model: string | ModelForJob[J] | undefined,
): Promise<ModelForJob[J]> {
  if (model !== undefined && typeof model !== "string") return model;
  const name = model ?? readSetting(defaultModelVariables[job]) ?? defaultModelName(job);
  const { provider: providerId, modelId } = parseModelString(name);
  const entry = getProviderEntry(providerId);
  const factory = factoryName[job];
  if (!entry.jobs.includes(job)) throw unsupported(entry.id, job);
  const id = modelId ?? entry.defaultModels[job];
  if (!id) {
    throw new InvalidInputError(
      `"${name}" names no model: write "${providerId}:<model>", e.g. "${providerId}:${Object.values(entry.defaultModels)[0] ?? "model-name"}".`,
    );
  }
  const provider = await loadProvider(entry);
  const make = provider[factory] as ((modelId: string) => ModelForJob[J]) | undefined;
  if (!make) throw unsupported(entry.id, job);
  return make.call(provider, id);
}

function defaultModelName(job: Job, options: { announce: boolean } = { announce: true }): string {
  const candidates = providerEntries().filter(
    (entry) => entry.jobs.includes(job) && entry.defaultModels[job] !== undefined,
  );
  const configured = candidates.find((entry) => !entry.fallback && entry.isConfigured());
  const chosen =
    configured ?? candidates.find((entry) => entry.fallback && entry.isAvailable?.(job) !== false);
  const modelId = chosen?.defaultModels[job];
  if (chosen && modelId) {
    if (!configured && options.announce) announceFallback(job, chosen, modelId);
    return `${chosen.id}:${modelId}`;
  }
  throw new NoProviderError(
    job,
    candidates.map((entry) => `${entry.id}: ${entry.setup}`),
  );
}

/** Which provider a call without a model would use for a job, without loading anything. */
export function defaultProviderFor(job: Job): string | undefined {
  try {
    const name =
      readSetting(defaultModelVariables[job]) ?? defaultModelName(job, { announce: false });
    return parseModelString(name).provider;
  } catch {
    return undefined;
  }
}

const announced = new Set<Job>();

/** Say once per job and process that the fallback is in use, and how to choose otherwise. */
function announceFallback(job: Job, entry: ProviderEntry, modelId: string): void {
  if (announced.has(job)) return;
  announced.add(job);
  emitEvent({
    type: "notice",
    callId: newCallId(),
    job,
    provider: entry.id,
    modelId,
    message:
      entry.fallbackNotice ??
      `no provider is configured for ${job}, so the embedded ${entry.id} model runs in this process; set a key such as OPENAI_API_KEY or DEEPSEEK_API_KEY, or OLLAMA_HOST, to use another.`,
  });
}

function unsupported(provider: string, job: Job): UnsupportedJobError {
  const able = providerEntries()
    .filter((entry) => entry.jobs.includes(job))
    .map((entry) => entry.id);
  return new UnsupportedJobError(provider, job, able);
}
