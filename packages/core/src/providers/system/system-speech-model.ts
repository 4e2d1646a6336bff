import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closestMatch } from "../../closest-match.js";
import { InvalidInputError, PathError } from "../../errors.js";
import type {
  AudioGenerateResult,
  SpeechCallOptions,
  SpeechModel,
  Voice,
  Warning,
} from "../../spec/index.js";
import { findCommand } from "./find-command.js";
import { runProcess } from "./run-process.js";
import {
  defaultSpeechEngine,
  installHint,
  type SpeechEngine,
  wordsPerMinute,
} from "./speech-engine.js";
import { listEngineVoices } from "./system-voices.js";
import { fixStreamedWavSizes } from "./wav-header.js";

/** Offline speech from an engine on this machine, run as a separate process; answers WAV. */
export class SystemSpeechModel implements SpeechModel {
  readonly specVersion = "v1";
  readonly provider = "system";
  readonly engine: SpeechEngine;

  constructor(readonly modelId: string) {
    if (modelId === "default") this.engine = defaultSpeechEngine();
    else if (modelId === "espeak-ng" || modelId === "say") this.engine = modelId;
    else {
      throw new InvalidInputError(
        `system:${modelId} is not a speech engine; use system:espeak-ng, system:say (macOS) or system:default.`,
      );
    }
  }

  async doGenerate(options: SpeechCallOptions): Promise<AudioGenerateResult> {
    const command = findCommand(this.engine);
    if (!command) {
      throw new PathError(
        "provider-not-installed",
        `${this.engine} is not installed, so system speech cannot run; ${installHint}.`,
      );
    }
    const warnings: Warning[] = [];
    const rate = this.rate(options.speed, warnings);
    if (options.format && options.format !== "wav") {
      warnings.push({
        type: "unsupported-setting",
        setting: "format",
        message: `system:${this.engine} writes WAV only; you get WAV, not ${options.format} (convert it with sox or ffmpeg).`,
      });
    }
    const extra = options.providerOptions?.system;
    if (extra && Object.keys(extra).length > 0) {
      warnings.push({
        type: "unsupported-setting",
        setting: "providerOptions",
        message: `system speech takes no providerOptions; ignored ${Object.keys(extra).join(", ")}.`,
      });
    }
    const data =
      this.engine === "say"
        ? await this.say(command, options, rate)
        : await this.espeak(command, options, rate);
    return {
      audio: { data, mediaType: "audio/wav" },
      warnings,
      response: { modelId: this.engine },
    };
  }

  /** The engine's own voice list (`espeak-ng --voices`, `say -v '?'`). */
  async listVoices(options: { signal?: AbortSignal } = {}): Promise<Voice[]> {
    const command = findCommand(this.engine);
    if (!command) {
      throw new PathError(
        "provider-not-installed",
        `${this.engine} is not installed, so it has no voices to list; ${installHint}.`,
      );
    }
    return listEngineVoices(this.engine, command, options.signal);
  }

  private rate(speed: number | undefined, warnings: Warning[]): number | undefined {
    if (speed === undefined) return undefined;
    const range = wordsPerMinute[this.engine];
    const wanted = Math.round(range.normal * speed);
    const rate = Math.min(range.max, Math.max(range.min, wanted));
    if (rate !== wanted) {
      warnings.push({
        type: "unsupported-setting",
        setting: "speed",
        message: `${this.engine} speaks ${range.min}–${range.max} words a minute; speed ${speed} became ${rate}.`,
      });
    }
    return rate;
  }

  private async espeak(
    command: string,
    options: SpeechCallOptions,
    rate: number | undefined,
  ): Promise<Buffer> {
    const args = ["--stdout", "--stdin", "-b", "1"];
    if (options.voice) args.push("-v", options.voice);
    if (rate !== undefined) args.push("-s", String(rate));
    const output = await runProcess(command, args, options.text, options.signal);
    // espeak-ng exits 0 for an unknown voice; it only says so on stderr and writes nothing.
    if (
      /voice does not exist/i.test(output.stderr) ||
      (options.voice && output.stdout.length === 0)
    ) {
      throw await this.unknownVoice(command, options.voice ?? "", options.signal);
    }
    if (output.exitCode !== 0 || output.stdout.length === 0) {
      throw new PathError(
        "engine-failed",
        `espeak-ng failed (exit ${output.exitCode}): ${output.stderr || "it wrote no audio"}.`,
      );
    }
    return fixStreamedWavSizes(output.stdout);
  }

  private async unknownVoice(
    command: string,
    voice: string,
    signal: AbortSignal | undefined,
  ): Promise<InvalidInputError> {
    const listing = await runProcess(command, ["--voices"], "", signal);
    const voices = listing.stdout
      .toString("utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/)[1])
      .filter((name): name is string => Boolean(name));
    const near = closestMatch(voice.toLowerCase(), voices);
    const some = ["en-us", "en-gb", "cmn", "yue", "ja", "fr", "de", "es"].filter((name) =>
      voices.includes(name),
    );
    return new InvalidInputError(
      `espeak-ng has no voice "${voice}"${near ? `; did you mean "${near}"?` : "."} It has ${voices.length} voices, e.g. ${some.join(", ")} (list them with \`espeak-ng --voices\`).`,
    );
  }

  private async say(
    command: string,
    options: SpeechCallOptions,
    rate: number | undefined,
  ): Promise<Buffer> {
    const folder = await mkdtemp(join(tmpdir(), "genai-path-say-"));
    try {
      const file = join(folder, "speech.wav");
      const args = ["-o", file, "--file-format=WAVE", "--data-format=LEI16@22050"];
      if (options.voice) args.push("-v", options.voice);
      if (rate !== undefined) args.push("-r", String(rate));
      // With no text argument, say reads the text from stdin.
      const output = await runProcess(command, args, options.text, options.signal);
      if (output.exitCode !== 0) {
        if (options.voice && /voice/i.test(output.stderr)) {
          throw new InvalidInputError(
            `say has no voice "${options.voice}"; list them with \`say -v '?'\`.`,
          );
        }
        throw new PathError(
          "engine-failed",
          `say failed (exit ${output.exitCode}): ${output.stderr || "it wrote no audio"}.`,
        );
      }
      return await readFile(file);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
}
