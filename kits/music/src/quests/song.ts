/**
 * Quest: lyrics and a style → a song.
 *
 *   npm run music -- song output/lyrics.md --style "upbeat c-pop, 110 bpm, female vocal" --duration 60
 *
 * Checks first that the lyrics fit the length asked for and the model's longest piece (no paid
 * call that cannot work), then saves the song with its provenance: a .json beside it and, in
 * an MP3, ID3 tags with the lyrics.
 */
import {
  type Cost,
  type GenerateMusicResult,
  generateMusic,
  type MusicModel,
  resolveModel,
} from "@path/core";
import {
  cancelOnCtrlC,
  dim,
  formatDuration,
  modelFlag,
  outputDirectory,
  parseCommandArgs,
  parseIntegerFlag,
  parseNumberFlag,
  printJson,
  progressLine,
  UsageError,
} from "@path/kit-cli";
import { type LyricsSection, syllablesIn, taggedLyrics } from "../lyrics/lyrics-text.js";
import { readLyrics } from "../lyrics/read-lyrics.js";
import { groupSections, rateAssumed, sungSeconds } from "../lyrics/sung-length.js";
import { audioStem } from "../shared/output-names.js";
import { type AudioSettings, type SavedAudio, saveAudio } from "../shared/save-audio.js";

export const help = `Usage: npm run music -- song <lyrics.md | "lyrics with [Verse] tags"> --style "<style>" [options]

Sings lyrics (from the lyrics quest, or any text with [Verse], [Chorus], … tags) in a style,
and saves the song in ./output (never overwriting) with a .json beside it saying what made it.
Before calling, the sung length is estimated (${rateAssumed}); lyrics longer than --duration
or the model's longest piece are refused unless --split.

Options:
  -m, --model <provider:model>  a singing model: hf:ACE-Step/ACE-Step-v1-3.5B, minimax:music-2.6,
                                elevenlabs:music_v1, … (default: GENAI_MUSIC_MODEL, else the first
                                provider with a key)
      --style <text>            genre, tempo, mood, voice (default: the Style: line of the file)
      --duration <seconds>      length of each song (default: the estimate, rounded up to 5 s)
      --seed <n>                the same seed, lyrics and style make the same song again
      --format <mp3|wav>        default mp3
      --split                   too long for one song: one song per group of sections, numbered
  -o, --out <dir>               where to write (default: ./output)
      --json                    print JSON instead of the file paths
      --debug                   show stack traces on errors
  -h, --help                    this help`;

const flags = {
  ...modelFlag,
  style: { type: "string" },
  duration: { type: "string" },
  seed: { type: "string" },
  format: { type: "string" },
  split: { type: "boolean" },
  out: { type: "string", short: "o" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const lyrics = await readLyrics(positionals);
  const style = (values.style ?? lyrics.style)?.trim();
  if (!style) {
    throw new UsageError('give a style: --style "upbeat c-pop, 110 bpm, female vocal"');
  }
  const duration = parseNumberFlag("duration", values.duration, 1, 3600);
  const seed = parseIntegerFlag("seed", values.seed, 0, 2 ** 32 - 1);
  const format = (values.format ?? "mp3").toLowerCase();
  if (format !== "mp3" && format !== "wav")
    throw new UsageError(`--format is mp3 or wav, not ${format}`);
  const model = await resolveModel("music", values.model);
  const groups = plan(lyrics.sections, model, duration, values.split === true);
  // Checked before the call: a folder that cannot be written must not cost a song.
  const directory = outputDirectory(values.out);

  const stem = audioStem("song", lyrics.title ?? lyrics.sections[0]?.lines[0] ?? "song");
  const saved: SavedAudio[] = [];
  for (const [index, sections] of groups.entries()) {
    const settings: AudioSettings = {
      kind: "song",
      title:
        lyrics.title && groups.length > 1
          ? `${lyrics.title} (${index + 1}/${groups.length})`
          : lyrics.title,
      prompt: style,
      style,
      lyrics: taggedLyrics(sections),
      textFile: lyrics.file,
      durationSeconds: duration ?? askedLength(sections, model),
      seed,
      format,
      part: groups.length > 1 ? { n: index + 1, of: groups.length } : undefined,
    };
    const { result, cost } = await singWithProgress(model, settings);
    const song = await saveAudio(result, { ...settings, cost }, directory, {
      stem: groups.length > 1 ? `${stem}-part${index + 1}` : stem,
    });
    saved.push(song);
    report(song, result, directory, values.json === true);
  }
  if (values.json) {
    const songs = saved.map((song) => ({
      path: song.path,
      sidecar: song.sidecarPath,
      recovered: song.recovered ?? null,
      ...song.sidecar,
    }));
    printJson(groups.length > 1 ? { songs } : songs[0]);
  }
  return saved.some((song) => song.recovered) ? 1 : 0;
}

/** The sections of each song to make; refuses lyrics that do not fit, with the numbers. */
function plan(
  sections: LyricsSection[],
  model: MusicModel,
  duration: number | undefined,
  split: boolean,
): LyricsSection[][] {
  const name = `${model.provider}:${model.modelId}`;
  const longest = model.maxDurationSeconds;
  if (duration !== undefined && longest !== undefined && duration > longest) {
    throw new UsageError(
      `${name} makes at most ${longest} s in one song; --duration ${duration} asks for more: use --duration ${longest} or less`,
    );
  }
  const limit = Math.min(duration ?? Number.POSITIVE_INFINITY, longest ?? Number.POSITIVE_INFINITY);
  const needed = sungSeconds(sections);
  if (needed <= limit) return [sections];
  const why = `these lyrics take about ${Math.ceil(needed)} s to sing (${syllablesIn(sections)} syllables in ${sections.length} sections, at ${rateAssumed})`;
  const room =
    duration !== undefined && duration === limit
      ? `--duration is ${duration} s`
      : `${name} makes at most ${limit} s`;
  if (!split) {
    throw new UsageError(
      `${why}, but ${room}: shorten the lyrics, give a longer --duration, or add --split for one song per group of sections`,
    );
  }
  const groups = groupSections(sections, limit);
  if (!groups)
    throw new UsageError(
      `${why}; one section alone is longer than ${limit} s (${room}), so --split cannot help: shorten it`,
    );
  return groups;
}

/** Without --duration: the estimate rounded up to 5 s, within what the model makes. */
function askedLength(sections: LyricsSection[], model: MusicModel): number {
  const rounded = Math.max(10, Math.ceil(sungSeconds(sections) / 5) * 5);
  return Math.min(rounded, model.maxDurationSeconds ?? rounded);
}

/** `generateMusic` with Ctrl-C cancelling it, a progress line on stderr, and the cost if known. */
async function singWithProgress(
  model: MusicModel,
  settings: AudioSettings,
): Promise<{ result: GenerateMusicResult; cost?: Cost }> {
  const progress = progressLine();
  const cancel = cancelOnCtrlC();
  let cost: Cost | undefined;
  try {
    const result = await generateMusic({
      model,
      prompt: settings.prompt ?? "",
      lyrics: settings.lyrics,
      durationSeconds: settings.durationSeconds,
      seed: settings.seed,
      format: settings.format,
      signal: cancel.signal,
      onEvent: (event) => {
        if (event.type === "usage" && event.cost) cost = event.cost;
        progress.onEvent(event);
      },
    });
    return { result, cost };
  } finally {
    progress.end("erase");
    cancel.dispose();
  }
}

function report(song: SavedAudio, result: GenerateMusicResult, directory: string, json: boolean) {
  if (!json) process.stdout.write(`${song.path}\n`);
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning.message}\n`);
  if (song.recovered) {
    process.stderr.write(
      `error: could not save into ${directory} (${song.recovered}); the song is kept at ${song.path} — move it somewhere safe, the temp folder is emptied from time to time\n`,
    );
  }
  if (json) return;
  const { audio } = result;
  const line = [
    `${result.provider}:${result.modelId}`,
    `${audio.durationSeconds.toFixed(1)} s (asked ${song.sidecar.askedDurationSeconds} s)`,
    [audio.container, audio.sampleRate && `${audio.sampleRate} Hz`].filter(Boolean).join(" "),
    song.sidecar.seed !== null ? `seed ${song.sidecar.seed}` : "",
    `made in ${formatDuration(result.durationMs)}`,
  ];
  process.stderr.write(`${dim(line.filter(Boolean).join(" · "))}\n`);
}
