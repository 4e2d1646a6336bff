/**
 * Quest: text to speech.
 *
 *   npm run music -- speak "欢迎来到生成式 AI 的世界" --voice zh --model system:espeak-ng
 *   npm run music -- speak script.md --voice alloy --model openai:gpt-4o-mini-tts
 *
 * The audio lands in ./output as speech-<date>-<words>.wav with a .json beside it that says
 * what was read, by which voice and model, and what the file is.
 */
import { type GenerateSpeechResult, generateSpeech, speechSpeedRange } from "@path/core";
import {
  cancelOnCtrlC,
  dim,
  formatDuration,
  modelFlag,
  outputDirectory,
  parseCommandArgs,
  parseNumberFlag,
  printJson,
  progressLine,
} from "@path/kit-cli";
import { type AudioSettings, saveAudio } from "../shared/save-audio.js";
import { readSpeechText } from "../shared/speech-text.js";

export const help = `Usage: npm run music -- speak "<text>" [options]
       npm run music -- speak <file.md|file.txt> [options]

Reads text aloud and saves it in ./output (never overwriting a file), with a .json beside it.

Options:
  -m, --model <provider:model>  system:espeak-ng (offline, no key), system:say (macOS),
                                openai:gpt-4o-mini-tts, qwen:qwen3-tts-flash, minimax:speech-02-hd,
                                elevenlabs:eleven_multilingual_v2, … (default: GENAI_SPEECH_MODEL,
                                else openai when OPENAI_API_KEY is set, else system)
      --voice <name>            openai: alloy, nova, coral, …; espeak-ng: en-us, zh (Mandarin),
                                yue (Cantonese), ja, …; \`voices --model <model>\` lists them
      --format <name>           wav (the default), mp3, flac, opus (where the provider makes it)
      --speed <number>          ${speechSpeedRange.min} to ${speechSpeedRange.max}, 1 = normal
  -o, --out <dir>               where to write (default: ./output)
      --json                    print one JSON object instead of the file path
      --debug                   show stack traces on errors
  -h, --help                    this help`;

const flags = {
  ...modelFlag,
  voice: { type: "string" },
  format: { type: "string" },
  speed: { type: "string" },
  out: { type: "string", short: "o" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const { text, file } = await readSpeechText(positionals);
  const settings: AudioSettings & { text: string } = {
    kind: "speech",
    text,
    textFile: file,
    voice: values.voice,
    format: values.format ?? "wav",
    speed: parseNumberFlag("speed", values.speed, speechSpeedRange.min, speechSpeedRange.max),
  };
  // Checked before the call: a folder that cannot be written must not cost the speech.
  const directory = outputDirectory(values.out);
  const result = await speakWithProgress(values.model, settings);
  const saved = await saveAudio(result, settings, directory);
  if (!values.json) process.stdout.write(`${saved.path}\n`);
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning.message}\n`);
  // espeak-ng and say read with an English voice unless told otherwise: 中文 comes out as noise.
  if (result.provider === "system" && !settings.voice && /\p{Script=Han}/u.test(text)) {
    process.stderr.write(
      "hint: the text has 中文 but no --voice was given, so it was read with the default voice; add --voice zh (espeak-ng) or a Chinese voice from `say -v '?'` (macOS)\n",
    );
  }
  if (saved.recovered) {
    process.stderr.write(
      `error: could not save into ${directory} (${saved.recovered}); the audio is kept at ${saved.path} — move it somewhere safe, the temp folder is emptied from time to time\n`,
    );
  }
  if (values.json) {
    printJson({
      path: saved.path,
      sidecar: saved.sidecarPath,
      recovered: saved.recovered ?? null,
      ...saved.sidecar,
      warnings: result.warnings,
    });
  } else process.stderr.write(`${dim(summaryLine(result))}\n`);
  return saved.recovered ? 1 : 0;
}

/** `generateSpeech` with Ctrl-C cancelling it and a dim progress line on stderr. */
async function speakWithProgress(
  model: string | undefined,
  settings: AudioSettings & { text: string },
): Promise<GenerateSpeechResult> {
  const progress = progressLine({ dim: true });
  const cancel = cancelOnCtrlC();
  try {
    return await generateSpeech({
      model,
      text: settings.text,
      voice: settings.voice,
      format: settings.format,
      speed: settings.speed,
      signal: cancel.signal,
      onEvent: progress.onEvent,
    });
  } finally {
    progress.end("erase");
    cancel.dispose();
  }
}

/** `system:espeak-ng · 2.4 s of speech · WAVE 22050 Hz mono · made in 0.31 s` */
export function summaryLine(result: GenerateSpeechResult): string {
  const { audio } = result;
  const channels =
    audio.channels === 1 ? "mono" : audio.channels === 2 ? "stereo" : `${audio.channels} channels`;
  return [
    `${result.provider}:${result.modelId}`,
    `${audio.durationSeconds.toFixed(1)} s of speech`,
    [audio.container, audio.sampleRate && `${audio.sampleRate} Hz`, audio.channels && channels]
      .filter(Boolean)
      .join(" "),
    `made in ${formatDuration(result.durationMs)}`,
  ].join(" · ");
}
