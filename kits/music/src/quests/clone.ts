/**
 * Quest: read text in a voice copied from a short recording (voice cloning, 音色复刻).
 *
 *   npm run music -- clone --reference me.wav "这是我复刻的声音" --model minimax:speech-02-hd
 *   npm run music -- clone --reference me.wav --reference-text "what me.wav says" script.md --model gradio:http://127.0.0.1:7860
 *
 * Core checks the clip (audio, length, format) before anything is uploaded. When the provider
 * keeps the copied voice, its id is printed so it can be reused with speak without cloning again.
 */
import { type GenerateSpeechResult, generateSpeech } from "@path/core";
import {
  cancelOnCtrlC,
  modelFlag,
  outputDirectory,
  parseCommandArgs,
  progressLine,
  UsageError,
} from "@path/kit-cli";
import { reportSaved } from "../shared/report-saved.js";
import { type AudioSettings, saveAudio } from "../shared/save-audio.js";
import { readSpeechText } from "../shared/speech-text.js";

export const help = `Usage: npm run music -- clone --reference <clip> "<text>" [options]
       npm run music -- clone --reference <clip> <file.md|file.txt> [options]

Reads text aloud in the voice of the reference clip: 5 s to a minute of one person speaking,
as WAV or MP3. Only clone a voice you have the right to use: your own, or with consent.

Options:
  -m, --model <provider:model>  minimax:speech-02-hd, elevenlabs:eleven_multilingual_v2 (both keep
                                the voice on your account),
                                gradio:<F5-TTS or CosyVoice app URL or Space> (self-hosted), …
      --reference <clip>        the recording of the voice to copy (required)
      --reference-text <text>   what the clip says, for models that need the transcript (F5-TTS)
      --format <name>           wav (the default), mp3, … (where the provider makes it)
  -o, --out <dir>               where to write (default: ./output)
      --json                    print one JSON object instead of the file path
      --debug                   show stack traces on errors
  -h, --help                    this help`;

const flags = {
  ...modelFlag,
  reference: { type: "string" },
  "reference-text": { type: "string" },
  format: { type: "string" },
  out: { type: "string", short: "o" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (!values.reference) {
    throw new UsageError(
      'give the voice to copy: npm run music -- clone --reference me.wav "the words to read"',
    );
  }
  if (positionals.join("").trim() === "") {
    throw new UsageError(
      `give the words to read in the copied voice: npm run music -- clone --reference ${values.reference} "你好" (or a .md or .txt file)`,
    );
  }
  const { text, file } = await readSpeechText(positionals);
  const settings: AudioSettings & { text: string; referenceAudio: string } = {
    kind: "clone",
    text,
    textFile: file,
    referenceAudio: values.reference,
    format: values.format ?? "wav",
  };
  const directory = outputDirectory(values.out);
  const result = await cloneWithProgress(values.model, settings, values["reference-text"]);
  const saved = await saveAudio(result, settings, directory);
  const code = reportSaved(result, saved, { json: values.json, directory, what: "speech" });
  if (result.clonedVoice && !values.json) {
    const model = `${result.provider}:${result.modelId}`;
    process.stderr.write(
      `cloned voice: ${result.clonedVoice} (kept on your ${result.provider} account). Reuse it without cloning again: npm run music -- speak "…" --model ${model} --voice ${result.clonedVoice}\n`,
    );
  }
  return code;
}

async function cloneWithProgress(
  model: string | undefined,
  settings: AudioSettings & { text: string; referenceAudio: string },
  referenceText: string | undefined,
): Promise<GenerateSpeechResult> {
  const progress = progressLine({ dim: true });
  const cancel = cancelOnCtrlC();
  try {
    return await generateSpeech({
      model,
      text: settings.text,
      referenceAudio: settings.referenceAudio,
      referenceText,
      format: settings.format,
      signal: cancel.signal,
      onEvent: progress.onEvent,
    });
  } finally {
    progress.end("erase");
    cancel.dispose();
  }
}
