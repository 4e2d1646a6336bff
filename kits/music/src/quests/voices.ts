/**
 * Quest: the voices a speech model has.
 *
 *   npm run music -- voices --model system:espeak-ng --lang zh
 *   npm run music -- voices --model hf:hexgrad/Kokoro-82M --json
 */
import { resolveModel, type Voice } from "@path/core";
import { dim, formatTable, modelFlag, parseCommandArgs, printJson } from "@path/kit-cli";

export const help = `Usage: npm run music -- voices [options]

Lists the voices a speech model has: what to pass as --voice to speak, and which are your clones.

Options:
  -m, --model <provider:model>  system:espeak-ng, hf:hexgrad/Kokoro-82M, qwen:qwen3-tts-flash, …
                                (default: the default speech model, as for speak)
      --lang <tag>              only voices for this language: zh, en, en-us, ja, …
      --json                    print one JSON array instead of the table
      --debug                   show stack traces on errors
  -h, --help                    this help`;

const flags = { ...modelFlag, lang: { type: "string" } } as const;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const model = await resolveModel("speech", values.model);
  const name = `${model.provider}:${model.modelId}`;
  if (!model.listVoices) {
    process.stderr.write(
      `${name} cannot list its voices; see its provider's documentation for the names to pass as --voice.\n`,
    );
    return 1;
  }
  const all = await model.listVoices();
  const lang = values.lang?.trim().toLowerCase();
  const voices = lang ? all.filter((voice) => speaks(voice, lang)) : all;
  if (values.json) {
    printJson(voices);
    return 0;
  }
  if (voices.length === 0) {
    process.stderr.write(
      lang
        ? `${name} has no voice for "${lang}" among its ${all.length}; run without --lang to see them all.\n`
        : `${name} has no voices to list.\n`,
    );
    return lang ? 1 : 0;
  }
  const rows = voices.map((voice) => [
    voice.id,
    voice.name ?? "",
    (voice.languages ?? []).join(", "),
    voice.gender ?? "",
    voice.cloned ? "yes" : "",
  ]);
  const table = formatTable(rows, {
    header: ["id", "name", "languages", "gender", "cloned"],
    maxCellWidth: 40,
  });
  process.stdout.write(`${table}\n`);
  process.stderr.write(
    `${dim(`${voices.length} voices of ${name}; use one with: npm run music -- speak "…" --model ${name} --voice "<id>"`)}\n`,
  );
  return 0;
}

/** `zh` matches zh, zh-CN, zh_cmn; `en-us` matches en-US; case and `_`/`-` do not matter. */
function speaks(voice: Voice, lang: string): boolean {
  return (voice.languages ?? []).some((tag) => {
    const normal = tag.toLowerCase().replaceAll("_", "-");
    return normal === lang || normal.startsWith(`${lang}-`);
  });
}
