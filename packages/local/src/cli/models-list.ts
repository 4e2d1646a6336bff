import { modelCacheDir } from "@path/core";
import { formatBytes, formatTable, parseCommandArgs, printJson, UsageError } from "@path/kit-cli";
import { catalog } from "../catalog.js";
import { findCachedModel } from "../find-cached-model.js";
import { listCachedFiles } from "../model-cache.js";
import { voiceCatalog } from "../speech/voice-catalog.js";
import { isVoiceDownloaded } from "../speech/voice-files.js";

export const help = `Usage: npm run local -- models list [--json]

Lists the catalog (with what is already downloaded) and every other model file in the cache.
The cache is GENAI_CACHE_DIR, else ~/.cache/genai-path/models.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError("models list takes no arguments");
  const cacheDir = modelCacheDir();
  const cached = await listCachedFiles(cacheDir);
  const rows = await Promise.all(
    catalog.map(async (model) => {
      const found = await findCachedModel(model.id, cacheDir);
      const partial = cached.find(
        (file) => file.partial && found.expectedPath && file.path === `${found.expectedPath}.part`,
      );
      const state = found.path
        ? "downloaded"
        : partial
          ? `partial (${formatBytes(partial.bytes)})`
          : "-";
      return { model, state, path: found.expectedPath };
    }),
  );
  const catalogPaths = new Set(rows.map((row) => row.path));
  const others = cached.filter(
    (file) => !catalogPaths.has(file.partial ? file.path.slice(0, -5) : file.path),
  );
  const voices = await Promise.all(
    voiceCatalog.map(async (voice) => ({
      ...voice,
      state: (await isVoiceDownloaded(voice, cacheDir)) ? "downloaded" : "-",
    })),
  );
  if (values.json) {
    printJson({
      cacheDir,
      catalog: rows.map(({ model, state }) => ({ ...model, state })),
      voices,
      cached,
    });
    return 0;
  }
  const lines = [
    formatTable(
      rows.map(({ model, state }) => [
        model.id,
        model.job,
        formatBytes(model.bytes),
        model.quantisation,
        model.licence,
        state,
        model.description,
      ]),
      { header: ["ID", "JOB", "SIZE", "QUANT", "LICENCE", "STATE", "WHAT FOR"] },
    ),
  ];
  lines.push(
    "",
    formatTable(
      voices.map((voice) => [
        voice.id,
        formatBytes(voice.bytes),
        voice.licence,
        voice.state,
        voice.description,
      ]),
      { header: ["VOICE (speech)", "SIZE", "LICENCE", "STATE", "WHAT FOR"] },
    ),
  );
  if (others.length > 0) {
    const otherRows = others.map((file) => [
      `hf:${file.name}`,
      formatBytes(file.bytes),
      file.partial ? "partial" : "downloaded",
    ]);
    lines.push("", formatTable(otherRows, { header: ["OTHER CACHED FILES", "SIZE", "STATE"] }));
  }
  lines.push("", `Cache: ${cacheDir}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
