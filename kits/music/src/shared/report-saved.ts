/** What compose and clone print once the audio is saved: the path (or JSON), warnings, a summary. */
import { dim, formatDuration, printJson } from "@path/kit-cli";
import type { AudioResult, SavedAudio } from "./save-audio.js";

/** Prints the outcome; returns the exit code (1 when the audio had to go to the recovery folder). */
export function reportSaved(
  result: AudioResult,
  saved: SavedAudio,
  options: { json?: boolean; directory: string; what: string; extra?: Record<string, unknown> },
): number {
  if (!options.json) process.stdout.write(`${saved.path}\n`);
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning.message}\n`);
  if (saved.recovered) {
    process.stderr.write(
      `error: could not save into ${options.directory} (${saved.recovered}); the audio is kept at ${saved.path} — move it somewhere safe, the temp folder is emptied from time to time\n`,
    );
  }
  if (options.json) {
    printJson({
      path: saved.path,
      sidecar: saved.sidecarPath,
      recovered: saved.recovered ?? null,
      ...saved.sidecar,
      ...options.extra,
      warnings: result.warnings,
    });
  } else process.stderr.write(`${dim(audioSummary(result, options.what))}\n`);
  return saved.recovered ? 1 : 0;
}

/** `hf:facebook/musicgen-small · 15.0 s of music · WAVE 32000 Hz mono · made in 4.2 s` */
export function audioSummary(result: AudioResult, what: string): string {
  const { audio } = result;
  const channels =
    audio.channels === 1 ? "mono" : audio.channels === 2 ? "stereo" : `${audio.channels} channels`;
  return [
    `${result.provider}:${result.modelId}`,
    `${audio.durationSeconds.toFixed(1)} s of ${what}`,
    [audio.container, audio.sampleRate && `${audio.sampleRate} Hz`, audio.channels && channels]
      .filter(Boolean)
      .join(" "),
    `made in ${formatDuration(result.durationMs)}`,
  ].join(" · ");
}
