/**
 * Speech from a Gradio app — a TTS app, or a voice-cloning one (F5-TTS, CosyVoice) that takes a
 * reference clip — on a Space or a URL. The endpoint is found by its API (one that takes text
 * and returns audio; one with an audio input when a clip is given), and the text, clip,
 * transcript, voice, speed and seed go to the inputs whose names fit.
 */
import { InvalidInputError } from "../../errors.js";
import { extensionFor } from "../../media/sniff.js";
import type {
  AudioGenerateResult,
  ReferenceAudioLimits,
  SpeechCallOptions,
  SpeechModel,
  Warning,
} from "../../spec/index.js";
import type { GradioApi, GradioEndpointInfo, GradioParameter } from "./gradio-endpoint.js";
import { endpointListing, namedEndpoint } from "./gradio-endpoint.js";
import { generateAudio } from "./gradio-music-model.js";
import type { GradioSession } from "./gradio-session.js";

type Role =
  | "text"
  | "referenceAudio"
  | "referenceText"
  | "voice"
  | "speed"
  | "seed"
  | "randomizeSeed";

/** What the cloning apps take: a few seconds to half a minute of one speaker (CosyVoice: < 30 s). */
const referenceLimits: ReferenceAudioLimits = {
  minSeconds: 2,
  maxSeconds: 30,
  formats: ["wav", "mp3", "flac", "ogg", "m4a"],
};

const isAudio = (item: GradioParameter) => /audio/i.test(item.component ?? "");

function roleOf(parameter: GradioParameter): Role | undefined {
  const name = `${parameter.parameter_name ?? ""} ${parameter.label ?? ""}`.toLowerCase();
  const component = (parameter.component ?? "").toLowerCase();
  if (component.includes("audio")) return "referenceAudio";
  if (component === "checkbox")
    return /random/.test(name) && /seed/.test(name) ? "randomizeSeed" : undefined;
  if (/seed/.test(name)) return "seed";
  if (/speed/.test(name)) return "speed";
  if (/voice|speaker/.test(name) && component !== "textbox") return "voice";
  if (/ref|prompt_text|reference/.test(name)) return "referenceText";
  if (/gen_text|tts_text|text|input|sentence/.test(name)) return "text";
  return undefined;
}

function pickSpeechEndpoint(
  api: GradioApi,
  wanted: string | undefined,
  cloning: boolean,
  appURL: string,
) {
  if (wanted) return namedEndpoint(api, wanted, appURL);
  const endpoints = Object.entries(api.named_endpoints);
  const takesClip = (info: GradioEndpointInfo) => info.parameters.some(isAudio);
  const best = endpoints
    .filter(
      ([, info]) =>
        info.returns.some(isAudio) && info.parameters.some((item) => roleOf(item) === "text"),
    )
    .filter(([, info]) => !cloning || takesClip(info))
    .sort(([, a], [, b]) => Number(takesClip(a) === cloning) - Number(takesClip(b) === cloning))
    .at(-1);
  if (!best) {
    const what = cloning
      ? "takes a reference clip and text and returns audio"
      : "takes text and returns audio";
    throw new InvalidInputError(
      `The Gradio app at ${appURL} has no endpoint that ${what}. Its endpoints: ${endpointListing(api)}. Name one with "gradio:<app>#/<endpoint>".`,
    );
  }
  return { name: best[0], info: best[1] };
}

export class GradioSpeechModel implements SpeechModel {
  readonly specVersion = "v1";
  readonly provider = "gradio";
  readonly referenceAudio = referenceLimits;

  constructor(
    readonly modelId: string,
    private readonly session: GradioSession,
    private readonly endpoint?: string,
  ) {}

  doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    const cloning = options.referenceAudio !== undefined;
    return generateAudio(this.session, this.modelId, options, {
      pick: (api, wanted) =>
        pickSpeechEndpoint(api, wanted ?? this.endpoint, cloning, this.session.appURL),
      inputs: (name, parameters, explicit) => speechInputs(name, parameters, options, explicit),
    });
  }
}

function speechInputs(
  endpoint: string,
  parameters: GradioParameter[],
  options: SpeechCallOptions,
  explicit: Record<string, unknown> = {},
): { data: unknown[]; warnings: Warning[] } {
  const roles = new Map<number, Role>();
  const taken = new Set<Role>();
  parameters.forEach((parameter, index) => {
    const role = roleOf(parameter);
    if (role && !taken.has(role)) {
      roles.set(index, role);
      taken.add(role);
    }
  });
  const clip = options.referenceAudio;
  if (clip && !taken.has("referenceAudio")) {
    throw new InvalidInputError(
      `The Gradio endpoint ${endpoint} takes no reference clip, so it cannot copy a voice.`,
    );
  }
  const given: Partial<Record<Role, unknown>> = {
    text: options.text,
    referenceAudio: clip
      ? new File(
          [Buffer.from(clip.data)],
          `reference.${extensionFor(clip.mediaType ?? "audio/wav")}`,
          { type: clip.mediaType },
        )
      : undefined,
    referenceText: options.referenceText,
    voice: options.voice,
    speed: options.speed,
    seed: options.seed,
    randomizeSeed: options.seed === undefined ? undefined : false,
  };
  const warnings: Warning[] = [];
  for (const [role, setting] of [
    ["voice", "voice"],
    ["speed", "speed"],
    ["seed", "seed"],
  ] as const) {
    if (given[role] !== undefined && !taken.has(role)) {
      warnings.push({
        type: "unsupported-setting",
        setting,
        message: `The Gradio endpoint ${endpoint} has no ${setting} input; it was not used.`,
      });
    }
  }
  if (options.instructions !== undefined) {
    warnings.push({
      type: "unsupported-setting",
      setting: "instructions",
      message: `The Gradio endpoint ${endpoint} takes no directions; they were not used.`,
    });
  }
  const data = parameters.map((parameter, index) => {
    const name = parameter.parameter_name ?? "";
    if (name && name in explicit) return explicit[name];
    const role = roles.get(index);
    const value = role ? given[role] : undefined;
    if (value !== undefined) return value;
    if (parameter.parameter_has_default) return parameter.parameter_default;
    if (role === "referenceAudio" || role === "referenceText")
      return role === "referenceText" ? "" : null;
    throw new InvalidInputError(
      `The Gradio endpoint ${endpoint} needs "${name || parameter.label}", which has no default; pass it as providerOptions.gradio.inputs.${name || "<name>"}.`,
    );
  });
  return { data, warnings };
}
