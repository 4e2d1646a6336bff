/**
 * Quest: a description → instrumental music.
 *
 *   npm run music -- compose "lofi hip hop for studying, 80 bpm" --duration 15 --model hf:facebook/musicgen-small
 *
 * The piece lands in ./output as music-<date>-<words>.<format> with a .json beside it that says
 * how to make it again (prompt, model, seed, length asked and made).
 */
import { type GenerateMusicResult, generateMusic } from "@path/core";
import {
  cancelOnCtrlC,
  modelFlag,
  outputDirectory,
  parseCommandArgs,
  parseIntegerFlag,
  parseNumberFlag,
  progressLine,
  UsageError,
} from "@path/kit-cli";
import { reportSaved } from "../shared/report-saved.js";
import { type AudioSettings, saveAudio } from "../shared/save-audio.js";

export const help = `Usage: npm run music -- compose "<description>" [options]

Makes instrumental music from a description of style, instruments, mood and tempo, and saves it
in ./output (never overwriting a file) with a .json beside it. For songs with words, use song.

Options:
  -m, --model <provider:model>  hf:facebook/musicgen-small (≤ 30 s), hf:stabilityai/stable-audio-open-1.0
                                (≤ 47 s), elevenlabs:music_v1, a Gradio music app
                                (gradio:http://127.0.0.1:7860), …
                                (default: GENAI_MUSIC_MODEL, else the first provider set up)
      --duration <seconds>      how long the piece is (the model's own default otherwise)
      --seed <number>           the same seed and prompt make the same piece, where the model takes one
      --format <name>           mp3, wav, … (where the provider makes it; else it warns)
  -o, --out <dir>               where to write (default: ./output)
      --json                    print one JSON object instead of the file path
      --debug                   show stack traces on errors
  -h, --help                    this help`;

const flags = {
  ...modelFlag,
  duration: { type: "string" },
  seed: { type: "string" },
  format: { type: "string" },
  out: { type: "string", short: "o" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const prompt = positionals.join(" ").trim();
  if (!prompt) {
    throw new UsageError(
      'describe the music: npm run music -- compose "lofi hip hop for studying, 80 bpm" --duration 15',
    );
  }
  const settings: AudioSettings & { prompt: string } = {
    kind: "music",
    prompt,
    durationSeconds: parseNumberFlag("duration", values.duration, 1, 600),
    seed: parseIntegerFlag("seed", values.seed, 0, 2 ** 32 - 1),
    format: values.format,
  };
  // Checked before the call: a folder that cannot be written must not cost the music.
  const directory = outputDirectory(values.out);
  const result = await composeWithProgress(values.model, settings);
  const saved = await saveAudio(result, settings, directory);
  return reportSaved(result, saved, { json: values.json, directory, what: "music" });
}

/** `generateMusic` with Ctrl-C cancelling it and a progress line (queue, steps) on stderr. */
async function composeWithProgress(
  model: string | undefined,
  settings: AudioSettings & { prompt: string },
): Promise<GenerateMusicResult> {
  const progress = progressLine();
  const cancel = cancelOnCtrlC();
  try {
    return await generateMusic({
      model,
      prompt: settings.prompt,
      durationSeconds: settings.durationSeconds,
      seed: settings.seed,
      format: settings.format,
      signal: cancel.signal,
      onEvent: progress.onEvent,
    });
  } finally {
    progress.end("erase");
    cancel.dispose();
  }
}
