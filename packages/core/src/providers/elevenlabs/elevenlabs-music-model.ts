/**
 * ElevenLabs Music (`elevenlabs:music_v1`, `music_v2`, …): `POST /v1/music`. Without lyrics it
 * composes from the prompt (instrumental, `music_length_ms`); with lyrics it sends a composition
 * plan whose sections are the lyrics' `[Verse]`/`[Chorus]` sections, the prompt as the global
 * style, and the asked length shared out by line count.
 */
import type {
  AudioGenerateResult,
  MusicCallOptions,
  MusicModel,
  Warning,
} from "../../spec/index.js";
import {
  type ElevenLabsConnection,
  elevenLabsAudio,
  elevenLabsRequest,
} from "./elevenlabs-client.js";

const lengthMs = { min: 3_000, max: 600_000 };
/** A plan section is 3 s to 120 s long. */
const sectionMs = { min: 3_000, max: 120_000 };
/** With no length asked, a sung line gets this long. */
const msPerLine = 3_000;

interface Section {
  name: string;
  lines: string[];
}

/** `[Verse]\nline\nline\n[Chorus]\n…` → sections; lines before any tag form a "Verse". */
export function lyricSections(lyrics: string): Section[] {
  const sections: Section[] = [];
  for (const raw of lyrics.split(/\r?\n/)) {
    const line = raw.trim();
    const tag = /^\[([^\]]+)\]$/.exec(line);
    if (tag) sections.push({ name: tag[1]!.trim(), lines: [] });
    else if (line) {
      if (sections.length === 0) sections.push({ name: "Verse", lines: [] });
      sections.at(-1)!.lines.push(line);
    }
  }
  return sections.filter((section) => section.lines.length > 0);
}

function outputFormat(format: string | undefined, warnings: Warning[]): string {
  if (format === undefined || format === "mp3") return "mp3_44100_128";
  if (format === "opus" || format === "ogg") return "opus_48000_128";
  warnings.push({
    type: "unsupported-setting",
    setting: "format",
    message: `ElevenLabs Music makes mp3 or opus, not ${format}; you get mp3.`,
  });
  return "mp3_44100_128";
}

export class ElevenLabsMusicModel implements MusicModel {
  readonly specVersion = "v1";
  readonly provider = "elevenlabs";
  readonly sings = true;
  readonly maxDurationSeconds = lengthMs.max / 1000;

  constructor(
    readonly modelId: string,
    private readonly connection: ElevenLabsConnection,
  ) {}

  async doGenerate(options: MusicCallOptions): Promise<AudioGenerateResult> {
    const warnings: Warning[] = [];
    const sections = options.lyrics ? lyricSections(options.lyrics) : [];
    let askedMs =
      options.durationSeconds === undefined
        ? undefined
        : Math.round(options.durationSeconds * 1000);
    if (askedMs !== undefined && askedMs < lengthMs.min) {
      warnings.push({
        type: "unsupported-setting",
        setting: "durationSeconds",
        message: `ElevenLabs Music makes at least ${lengthMs.min / 1000} s; you get ${lengthMs.min / 1000} s.`,
      });
      askedMs = lengthMs.min;
    }
    let body: Record<string, unknown>;
    if (sections.length === 0) {
      body = { prompt: options.prompt, force_instrumental: true, model_id: this.modelId };
      if (askedMs !== undefined) body.music_length_ms = askedMs;
      if (options.seed !== undefined) {
        warnings.push({
          type: "unsupported-setting",
          setting: "seed",
          message:
            "ElevenLabs Music takes a seed only with lyrics (a composition plan); it was not used.",
        });
      }
    } else {
      body = { composition_plan: plan(options.prompt, sections, askedMs), model_id: this.modelId };
      if (options.seed !== undefined) body.seed = options.seed;
    }
    options.onProgress?.({ message: "composing" });
    const response = await elevenLabsRequest(
      this.connection,
      "/v1/music",
      {
        body: { ...body, ...options.providerOptions?.elevenlabs },
        query: { output_format: outputFormat(options.format, warnings) },
      },
      { signal: options.signal, headers: options.headers },
    );
    const data = await elevenLabsAudio(this.connection, response);
    options.onProgress?.({ fraction: 1, message: "done" });
    return { audio: { data }, warnings, seed: options.seed, response: { modelId: this.modelId } };
  }
}

function plan(prompt: string, sections: Section[], totalMs: number | undefined) {
  const lines = sections.reduce((sum, section) => sum + section.lines.length, 0);
  return {
    positive_global_styles: prompt ? [prompt] : [],
    negative_global_styles: [],
    sections: sections.map((section) => {
      const share =
        totalMs === undefined
          ? section.lines.length * msPerLine
          : (totalMs * section.lines.length) / lines;
      return {
        section_name: section.name,
        positive_local_styles: [],
        negative_local_styles: [],
        duration_ms: Math.round(Math.min(sectionMs.max, Math.max(sectionMs.min, share))),
        lines: section.lines,
      };
    }),
  };
}
