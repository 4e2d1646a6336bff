/**
 * Quest: what is in this audio file?
 *
 *   npm run music -- info output/speech-2026-01-31-hello.wav
 *
 * Decodes the file with core's decoder (container, duration, sample rate, channels) and shows
 * the .json saved beside it, if there is one: the text, voice and model that made it.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { decodeAudio, PathError, sniffMediaType } from "@path/core";
import { parseCommandArgs, printJson, readInputFile, UsageError } from "@path/kit-cli";

export const help = `Usage: npm run music -- info <audio file> [--json]

Shows what an audio file is (container, duration, sample rate, channels) and, from the .json
saved beside it, what made it: the text, voice, model, provider and warnings.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [file] = positionals;
  if (!file) throw new UsageError("give an audio file: npm run music -- info output/speech.wav");
  const bytes = await readInputFile(file);
  if (!sniffMediaType(bytes)?.startsWith("audio/")) {
    throw new UsageError(`${file} is not an audio file (WAV, MP3, FLAC, Ogg, …)`);
  }
  const decoded = await decodeAudio(bytes, file).catch((error: unknown) => {
    if (!PathError.isInstance(error)) throw error;
    throw new UsageError(`${file} does not decode: ${error.message}`);
  });
  const sidecarPath = `${file.slice(0, file.length - extname(file).length)}.json`;
  const sidecar = existsSync(sidecarPath)
    ? (JSON.parse(await readFile(sidecarPath, "utf8")) as Record<string, unknown>)
    : undefined;
  if (values.json) {
    printJson({
      file,
      ...decoded,
      sidecar: sidecar ?? null,
      sidecarPath: sidecar ? sidecarPath : null,
    });
    return 0;
  }
  const rows: [string, unknown][] = [
    ["file", `${file}  (${decoded.mediaType})`],
    ["container", decoded.container],
    ["duration", `${decoded.durationSeconds.toFixed(2)} s`],
    ["rate", decoded.sampleRate && `${decoded.sampleRate} Hz`],
    ["channels", decoded.channels],
    ["text", sidecar?.text],
    ["from", sidecar?.textFile],
    ["voice", sidecar?.voice],
    ["speed", sidecar?.speed],
    ["model", sidecar && `${sidecar.provider}:${sidecar.model}`],
    ["made", sidecar?.createdAt],
    ["sidecar", sidecar ? sidecarPath : undefined],
  ];
  const lines = rows
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(
      ([key, value]) => `${key.padEnd(10)}${String(value).replaceAll("\n", `\n${" ".repeat(10)}`)}`,
    );
  const warnings = (sidecar?.warnings as string[] | undefined) ?? [];
  for (const warning of warnings) lines.push(`${"warning".padEnd(10)}${warning}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
