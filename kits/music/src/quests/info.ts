/**
 * Quest: what is in this audio file?
 *
 *   npm run music -- info output/speech-2026-01-31-hello.wav
 *
 * Decodes the file with core's decoder (container, duration, sample rate, channels) and shows
 * what made it: from the .json saved beside it, else from the provenance in an MP3's ID3 tags.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { decodeAudio, PathError, sniffMediaType } from "@path/core";
import { parseCommandArgs, printJson, readInputFile, UsageError } from "@path/kit-cli";
import { readMp3Provenance } from "../shared/id3.js";

export const help = `Usage: npm run music -- info <audio file> [--json]

Shows what an audio file is (container, duration, sample rate, channels) and what made it: the
text or lyrics, style, voice, model, seed and warnings, from the .json saved beside it or, when
that is gone, from the file's own ID3 tags (MP3s the music kit saved).`;

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
  const fromSidecar = existsSync(sidecarPath)
    ? (JSON.parse(await readFile(sidecarPath, "utf8")) as Record<string, unknown>)
    : undefined;
  const fromTags =
    fromSidecar || decoded.container !== "MPEG" ? undefined : readMp3Provenance(bytes);
  const sidecar = fromSidecar ?? fromTags;
  const source = fromSidecar ? sidecarPath : fromTags ? "ID3 tags in the file" : undefined;
  if (values.json) {
    printJson({
      file,
      ...decoded,
      sidecar: sidecar ?? null,
      sidecarPath: fromSidecar ? sidecarPath : null,
      provenanceFrom: fromSidecar ? "sidecar" : fromTags ? "id3" : null,
    });
    return 0;
  }
  const asked = sidecar?.askedDurationSeconds;
  const rows: [string, unknown][] = [
    ["file", `${file}  (${decoded.mediaType})`],
    ["container", decoded.container],
    ["duration", `${decoded.durationSeconds.toFixed(2)} s`],
    ["rate", decoded.sampleRate && `${decoded.sampleRate} Hz`],
    ["channels", decoded.channels],
    ["asked", typeof asked === "number" ? `${asked} s` : undefined],
    ["title", sidecar?.title],
    ["text", sidecar?.text],
    ["style", sidecar?.style ?? sidecar?.prompt],
    ["lyrics", sidecar?.lyrics],
    ["from", sidecar?.textFile],
    ["voice", sidecar?.voice],
    ["cloned", sidecar?.clonedVoice],
    ["reference", sidecar?.referenceAudio],
    ["speed", sidecar?.speed],
    ["model", sidecar && `${sidecar.provider}:${sidecar.model}`],
    ["seed", sidecar?.seed],
    ["cost", costText(sidecar?.cost)],
    ["made", sidecar?.createdAt],
    ["what made", source],
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

/** `$0.04`, `¥0.3`, `free`; nothing when the price was not known. */
function costText(cost: unknown): string | undefined {
  if (typeof cost !== "object" || cost === null) return undefined;
  const { amount, currency } = cost as { amount: number; currency: string };
  if (amount === 0) return "free";
  return `${currency === "CNY" ? "¥" : "$"}${Number(amount.toPrecision(4))}`;
}
