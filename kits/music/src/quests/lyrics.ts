/**
 * Quest: a chat model writes lyrics to sing.
 *
 *   npm run music -- lyrics "春节里一条可爱的小龙" --lang zh --structure verse,chorus,verse,chorus,bridge,chorus
 *
 * Saves Markdown that `song` reads as-is (a title, a Style: line, sections tagged [Verse],
 * [Chorus], …) with a .json beside it, and shows each line with its syllable count.
 */
import { generateText, InvalidResponseError, SchemaValidationError } from "@path/core";
import {
  cancelOnCtrlC,
  dim,
  formatTable,
  modelFlag,
  outputDirectory,
  parseCommandArgs,
  printJson,
  saveOrRecover,
  UsageError,
} from "@path/kit-cli";
import { defaultStructure, lyricsSchema, parseStructure } from "../lyrics/lyrics-schema.js";
import { lyricsMarkdown, syllablesIn } from "../lyrics/lyrics-text.js";
import { rateAssumed, sungSeconds } from "../lyrics/sung-length.js";
import { countedLines, lyricsFromAnswer } from "../lyrics/written-lyrics.js";
import { audioStem } from "../shared/output-names.js";

export const help = `Usage: npm run music -- lyrics "<what the song is about>" [options]

A chat model writes lyrics in sections tagged the way music models read them ([Verse],
[Chorus], [Bridge], [Intro], [Outro]). Saved in ./output as lyrics-<date>-<title>.md, ready
for \`npm run music -- song <that file> --style "…"\`; each line is shown with its syllables.

Options:
  -m, --model <provider:model>  the chat model (default: the default text model, as in the text kit)
      --lang <zh|en>            the language to write in (default: that of the topic)
      --structure <list>        sections in order (default: ${defaultStructure.join(",").toLowerCase()})
      --rhyme <hint>            how to rhyme, e.g. AABB, "押 ang 韵", "no rhyme"
  -o, --out <dir>               where to write (default: ./output)
      --json                    print one JSON object instead of the file path
      --debug                   show stack traces on errors
  -h, --help                    this help`;

const flags = {
  ...modelFlag,
  lang: { type: "string" },
  structure: { type: "string" },
  rhyme: { type: "string" },
  out: { type: "string", short: "o" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const topic = positionals.join(" ").trim();
  if (!topic) {
    throw new UsageError(
      'say what the song is about: npm run music -- lyrics "a little dragon at Spring Festival"',
    );
  }
  const lang = values.lang ?? (/\p{Script=Han}/u.test(topic) ? "zh" : "en");
  if (lang !== "zh" && lang !== "en") throw new UsageError(`--lang is zh or en, not ${lang}`);
  const structure = values.structure ? parseStructure(values.structure) : defaultStructure;
  const directory = outputDirectory(values.out);

  const cancel = cancelOnCtrlC();
  const result = await generateText({
    model: values.model,
    system: instructions(lang, structure, values.rhyme),
    prompt: topic,
    schema: lyricsSchema(structure),
    signal: cancel.signal,
  })
    .catch((error: unknown) => {
      if (!SchemaValidationError.isInstance(error)) throw error;
      // The shape the schema asks for is what makes the file singable: nothing to save.
      const { issues } = error as SchemaValidationError;
      throw new InvalidResponseError(
        values.model ?? "the text model",
        `its lyrics did not fit the schema (${issues.slice(0, 3).join("; ")}), so nothing was saved; run again or use another --model`,
        error,
      );
    })
    .finally(() => cancel.dispose());
  const model = `${result.provider}:${result.modelId}`;
  const { lyrics, warnings } = lyricsFromAnswer(result.object as never, structure, model);
  const lines = countedLines(lyrics);
  const seconds = Math.round(sungSeconds(lyrics.sections));
  const sidecar = {
    topic,
    lang,
    structure,
    rhyme: values.rhyme ?? null,
    provider: result.provider,
    model: result.modelId,
    title: lyrics.title,
    style: lyrics.style,
    lines,
    syllables: syllablesIn(lyrics.sections),
    sungSecondsEstimate: seconds,
    usage: result.usage,
    cost: result.cost ?? null,
    createdAt: new Date().toISOString(),
    warnings,
  };
  const saved = await saveOrRecover(directory, audioStem("lyrics", lyrics.title ?? topic), [
    { extension: "md", data: lyricsMarkdown(lyrics) },
    { extension: "json", data: `${JSON.stringify(sidecar, null, 2)}\n` },
  ]);
  const [path, sidecarPath] = saved.paths;
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  if (saved.recovered) {
    process.stderr.write(
      `error: could not save into ${directory} (${saved.recovered.reason}); the lyrics are kept at ${path} — move them somewhere safe\n`,
    );
  }
  if (values.json) {
    printJson({
      path,
      sidecar: sidecarPath,
      recovered: saved.recovered?.reason ?? null,
      ...sidecar,
    });
    return saved.recovered ? 1 : 0;
  }
  const table = formatTable(
    lines.map((row) => [row.section, String(row.syllables), row.line]),
    { header: ["section", "syll.", "line"], columns: [{}, { alignRight: true }, {}] },
  );
  process.stderr.write(`${lyrics.title}\nStyle: ${lyrics.style}\n\n${table}\n`);
  process.stderr.write(
    `${dim(`${lines.length} lines · ${sidecar.syllables} syllables · about ${seconds} s to sing (${rateAssumed}) · ${model}`)}\n`,
  );
  process.stdout.write(`${path}\n`);
  return saved.recovered ? 1 : 0;
}

function instructions(lang: "zh" | "en", structure: string[], rhyme: string | undefined): string {
  return [
    `You write song lyrics in ${lang === "zh" ? "Chinese (简体中文)" : "English"} about the user's topic.`,
    `Write exactly these sections, in this order: ${structure.join(", ")}.`,
    "Verses tell the story, the chorus repeats the hook, the bridge turns it; 4 lines per verse or chorus, 2 to 4 for a bridge.",
    "Keep lines singable: 6 to 10 syllables each, similar lengths within a section, no section tags inside lines.",
    rhyme ? `Rhyme: ${rhyme}.` : "Rhyme the ends of lines within each section.",
    "Give a short title and a style hint for a music model (genre, bpm, mood, instruments, voice).",
    "Answer with the JSON object only.",
  ].join("\n");
}
