/**
 * Music from a Gradio app — ACE-Step, MusicGen, or your own — on a Space or a URL. The endpoint
 * is found by its API (one that takes text and returns audio), and the call's prompt, lyrics,
 * length, seed and format go to the inputs whose names fit; the rest keep the app's defaults.
 */
import { InvalidInputError, InvalidResponseError } from "../../errors.js";
import type {
  AudioGenerateResult,
  CallSettings,
  MusicCallOptions,
  MusicModel,
  Progress,
  Warning,
} from "../../spec/index.js";
import type { GradioApi, GradioEndpointInfo, GradioParameter } from "./gradio-endpoint.js";
import { endpointListing, namedEndpoint } from "./gradio-endpoint.js";
import type { GradioOptions } from "./gradio-image-model.js";
import { progressFromStatus } from "./gradio-progress.js";
import type { GradioFile, GradioSession } from "./gradio-session.js";

type Role = "prompt" | "lyrics" | "duration" | "seed" | "format";

const isAudio = (item: GradioParameter) => /audio/i.test(item.component ?? "");
const nameOf = (item: GradioParameter) =>
  `${item.parameter_name ?? ""} ${item.label ?? ""}`.toLowerCase();

function roleOf(parameter: GradioParameter): Role | undefined {
  const name = nameOf(parameter);
  if (/lyric/.test(name)) return "lyrics";
  if (/negative/.test(name)) return undefined;
  if (/seed/.test(name)) return "seed";
  if (/duration|length|seconds/.test(name)) return "duration";
  if (/^\s*(audio_)?format\b/.test(name)) return "format";
  if (/prompt|tags|text|description|caption|style/.test(name)) return "prompt";
  return undefined;
}

/** The endpoint asked for, else the one that takes a prompt and returns audio, lyrics preferred. */
function pickMusicEndpoint(api: GradioApi, wanted: string | undefined, appURL: string) {
  if (wanted) return namedEndpoint(api, wanted, appURL, { is: isAudio, noun: "audio" });
  const endpoints = Object.entries(api.named_endpoints);
  const score = ([name, info]: [string, GradioEndpointInfo]) =>
    (info.parameters.some((item) => roleOf(item) === "lyrics") ? 2 : 0) +
    (info.parameters.some((item) => roleOf(item) === "duration") ? 1 : 0) +
    (/call|generat|predict|infer|music/i.test(name) ? 1 : 0);
  const best = endpoints
    .filter(
      ([, info]) =>
        info.returns.some(isAudio) && info.parameters.some((item) => roleOf(item) === "prompt"),
    )
    .sort((a, b) => score(b) - score(a))[0];
  if (!best) {
    throw new InvalidInputError(
      `The Gradio app at ${appURL} has no endpoint that takes a prompt and returns audio. Its endpoints: ${endpointListing(api)}. Pick a music app (ACE-Step, MusicGen), or name one with "gradio:<app>#/<endpoint>".`,
    );
  }
  return { name: best[0], info: best[1] };
}

export class GradioMusicModel implements MusicModel {
  readonly specVersion = "v1";
  readonly provider = "gradio";

  constructor(
    readonly modelId: string,
    private readonly session: GradioSession,
    private readonly endpoint?: string,
  ) {}

  doGenerate(options: MusicCallOptions): Promise<AudioGenerateResult> {
    return generateAudio(this.session, this.modelId, options, {
      pick: (api, wanted) => pickMusicEndpoint(api, wanted ?? this.endpoint, this.session.appURL),
      inputs: (name, parameters, explicit) => musicInputs(name, parameters, options, explicit),
    });
  }
}

/** How a model finds its endpoint and fills its inputs; the rest of a job is the same. */
export interface AudioEndpointUse {
  pick(api: GradioApi, wanted: string | undefined): { name: string; info: GradioEndpointInfo };
  inputs(
    name: string,
    parameters: GradioParameter[],
    explicit: Record<string, unknown> | undefined,
  ): { data: unknown[]; warnings: Warning[] };
}

/** One job on an endpoint that returns audio: pick it, fill it, run it with progress, download. */
export function generateAudio(
  session: GradioSession,
  modelId: string,
  options: CallSettings & { seed?: number; onProgress?: (progress: Progress) => void },
  use: AudioEndpointUse,
): Promise<AudioGenerateResult> {
  const gradio = (options.providerOptions?.gradio ?? {}) as GradioOptions;
  return session.within(options, async (context) => {
    const client = await session.connect(context);
    const api = (await client.view_api()) as unknown as GradioApi;
    const { name, info } = use.pick(api, gradio.endpoint);
    const { data, warnings } = use.inputs(name, info.parameters, gradio.inputs);
    const output = await session.run(client, name, data, context, (status) => {
      const progress = progressFromStatus(status);
      if (progress) options.onProgress?.(progress);
      options.onActivity?.();
    });
    const file = audioFileIn(output, info.returns);
    if (!file) {
      const outputs = info.returns.map((item) => item.component ?? item.label).join(", ");
      throw new InvalidResponseError(
        "gradio",
        `${name} of ${session.appURL} returned no audio (its outputs: ${outputs}); name another endpoint with "gradio:<app>#/<endpoint>".`,
      );
    }
    return {
      audio: { data: await session.download(file, context) },
      warnings,
      seed: seedIn(output, info.returns) ?? options.seed,
      response: { modelId },
    };
  });
}

/** Positional data: the call's settings on the inputs that fit, explicit inputs by name, defaults for the rest. */
function musicInputs(
  endpoint: string,
  parameters: GradioParameter[],
  options: MusicCallOptions,
  explicit: Record<string, unknown> = {},
): { data: unknown[]; warnings: Warning[] } {
  const taken = new Map<Role, number>();
  parameters.forEach((parameter, index) => {
    const role = roleOf(parameter);
    if (role && !taken.has(role)) taken.set(role, index);
  });
  const warnings: Warning[] = [];
  const values: Partial<Record<Role, unknown>> = {
    prompt: options.prompt,
    lyrics: options.lyrics,
    duration: options.durationSeconds,
    format: options.format,
  };
  if (options.seed !== undefined) {
    const seedInput = taken.get("seed");
    const textual =
      seedInput !== undefined && /textbox/i.test(parameters[seedInput]?.component ?? "");
    values.seed = textual ? String(options.seed) : options.seed;
  }
  const setting: Record<Role, string> = {
    prompt: "prompt",
    lyrics: "lyrics",
    duration: "durationSeconds",
    seed: "seed",
    format: "format",
  };
  for (const role of ["lyrics", "duration", "seed"] as const) {
    if (values[role] !== undefined && !taken.has(role)) {
      warnings.push({
        type: "unsupported-setting",
        setting: setting[role],
        message: `The Gradio endpoint ${endpoint} has no ${role} input; it was not used.`,
      });
    }
  }
  const data = parameters.map((parameter, index) => {
    const named = parameter.parameter_name ?? "";
    if (named in explicit) return explicit[named];
    const role = [...taken].find(([, at]) => at === index)?.[0];
    if (role && values[role] !== undefined) return values[role];
    if (role === "lyrics") return "[instrumental]";
    return parameter.parameter_has_default ? parameter.parameter_default : null;
  });
  return { data, warnings };
}

export function audioFileIn(output: unknown[], returns: GradioParameter[]): GradioFile | undefined {
  for (const [index, value] of output.entries()) {
    if (!returns[index] || !isAudio(returns[index])) continue;
    const record = value as { url?: unknown; path?: unknown } | string | null;
    if (typeof record === "string") return { url: record };
    if (record && (typeof record.url === "string" || typeof record.path === "string")) {
      return {
        url: typeof record.url === "string" ? record.url : undefined,
        path: typeof record.path === "string" ? record.path : undefined,
      };
    }
  }
  return undefined;
}

/** The seed an app reports: a number output labelled seed (F5-TTS), or ACE-Step's `actual_seeds`. */
export function seedIn(output: unknown[], returns: GradioParameter[]): number | undefined {
  for (const [index, value] of output.entries()) {
    if (typeof value === "number" && /seed/i.test(returns[index]?.label ?? "")) return value;
    const seeds = (value as { actual_seeds?: unknown } | null)?.actual_seeds;
    if (Array.isArray(seeds) && typeof seeds[0] === "number") return seeds[0];
  }
  return undefined;
}
